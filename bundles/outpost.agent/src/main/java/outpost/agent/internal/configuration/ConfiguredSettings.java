package outpost.agent.internal.configuration;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.agent.PlainTextSettings;
import outpost.agent.ShellPolicy;
import outpost.broker.AgentState;
import outpost.broker.BrokerSettings;
import outpost.transport.TlsEngine;

/** Turns the configuration of pid outpost.agent into the agent's immutable settings. */
final class ConfiguredSettings {

    private ConfiguredSettings() {
    }

    /**
     * @param defaultData the data folder when the configuration names none
     * @throws IllegalArgumentException naming the key whose value cannot be used
     */
    static AgentSettings from(AgentConfiguration config, Path defaultData) {
        Path data = config.data().isBlank() ? defaultData : Path.of(config.data());
        AgentSettings settings = AgentSettings.defaults(address("bind", config.bind(), config.port()), data)
                .withTls(!config.plain_tcp())
                .withTlsEngine(TlsEngine.parse(config.tls_engine()))
                .withShell(new ShellPolicy(List.of(config.shell_allow()), List.of(config.shell_deny())),
                        Duration.ofSeconds(config.request_timeout()), config.output_cap());
        settings = settings.withLimits(config.max_connections(), config.max_in_flight(), settings.handshakeTimeout(),
                settings.idleTimeout());
        return settings.withPlainText(new PlainTextSettings(config.plain_text_enabled(),
                address("plain.text.bind", config.plain_text_bind(), config.plain_text_port()),
                List.of(config.plain_text_commands()), config.plain_text_max_line(), config.plain_text_max_connections(),
                Duration.ofSeconds(config.plain_text_idle_timeout()))).withBroker(broker(config));
    }

    /** Off without broker.url; the agent's id defaults to the account name (the broker makes it the client id), else the host name. */
    static Optional<BrokerMode> broker(AgentConfiguration config) {
        if (config.broker_url().isBlank()) {
            return Optional.empty();
        }
        String user = config.broker_username().strip();
        String id = !config.broker_clientId().isBlank() ? config.broker_clientId().strip()
                : !user.isEmpty() ? user : localHostName();
        BrokerSettings link;
        try {
            link = BrokerSettings.of(config.broker_url(), id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker.url or broker.clientId: " + e.getMessage());
        }
        if (!user.isEmpty() || !config.broker_passwordFile().isBlank()) {
            if (user.isEmpty() || config.broker_passwordFile().isBlank()) {
                throw new IllegalArgumentException("broker.username and broker.passwordFile go together");
            }
            link = link.withAccount(user, Path.of(config.broker_passwordFile().strip()));
        }
        if (!config.broker_caFile().isBlank() && !config.broker_fingerprint().isBlank()) {
            throw new IllegalArgumentException("broker.caFile or broker.fingerprint: give one, not both");
        }
        if (!config.broker_caFile().isBlank()) {
            link = link.withCaFile(Path.of(config.broker_caFile().strip()));
        } else if (!config.broker_fingerprint().isBlank()) {
            link = link.withFingerprint(config.broker_fingerprint().strip());
        }
        String group;
        try {
            group = AgentState.requireGroup(config.broker_group());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker.group: " + e.getMessage());
        }
        return Optional.of(new BrokerMode(link, Duration.ofSeconds(config.broker_metrics_seconds()), group));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("broker.clientId: the host name is unknown (" + e.getMessage()
                    + "); set broker.clientId");
        }
    }

    static InetSocketAddress address(String key, String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host.strip()), port);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": cannot use '" + host + "' (port " + port + "): " + e.getMessage());
        }
    }
}
