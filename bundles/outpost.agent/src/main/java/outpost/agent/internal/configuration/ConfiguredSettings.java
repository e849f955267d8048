package outpost.agent.internal.configuration;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import outpost.agent.AgentSettings;
import outpost.agent.PlainTextSettings;
import outpost.agent.ShellPolicy;
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
                Duration.ofSeconds(config.plain_text_idle_timeout())));
    }

    static InetSocketAddress address(String key, String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host.strip()), port);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": cannot use '" + host + "' (port " + port + "): " + e.getMessage());
        }
    }
}
