package outpost.cli.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import outpost.broker.AgentState;
import outpost.broker.BrokerSettings;

/**
 * outpost-cli's broker mode (--broker): the broker, the account, and which agents of its fleet.
 *
 * @param clientId     --client-id; null for the default ({@link #effectiveClientId})
 * @param agents       --agent and --agents, in the order given; empty with --group, --all-online or --list
 * @param group        --group: the online agents that announce this group; null for none
 * @param allOnline    --all-online: every agent the broker shows online
 * @param list         --list: print the fleet directory, open no session
 */
record BrokerArguments(String url, String user, Path passwordFile, Path caFile, String fingerprint, String clientId,
        List<String> agents, String group, boolean allOnline, boolean list) {

    /** How long the broker may take to accept the connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The MQTT client id: --client-id, else the account name (the shipped configuration makes the
     * broker use the account name as the client id, and its ACL lets a console read only the replies
     * under that id), else one made of the user's and the machine's names.
     */
    String effectiveClientId() {
        if (clientId != null) {
            return clientId;
        }
        if (user != null) {
            return user;
        }
        return oneTopicLevel("outpost-cli-" + System.getProperty("user.name") + "-" + hostName());
    }

    /**
     * Whether an agent's announced group is the one of --group: the rule of --servers --group
     * (ServerSelection), ignoring letter case, so that one group name means the same in both modes.
     */
    static boolean inGroup(AgentState agent, String group) {
        return agent.group().equalsIgnoreCase(group);
    }

    BrokerSettings settings() {
        BrokerSettings settings = BrokerSettings.of(url, effectiveClientId());
        if (user != null) {
            settings = settings.withAccount(user, passwordFile); // the parser asks for both or neither
        }
        if (caFile != null) {
            settings = settings.withCaFile(caFile);
        }
        if (fingerprint != null) {
            settings = settings.withFingerprint(fingerprint);
        }
        return settings;
    }

    /** Whether an id can name an agent or client on the broker: one topic level (docs/BROKER.md, Topics). */
    static boolean isTopicLevel(String id) {
        return !id.isEmpty() && id.chars().noneMatch(c -> c == '/' || c == '+' || c == '#');
    }

    private static String oneTopicLevel(String text) {
        return text.replaceAll("[/+#\\s]", "_");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
