package outpost.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The broker options of outpost-cli's command line as {@link CliArguments#parse} meets them, checked together at the end. */
final class BrokerOptions {
    private String url;
    private String user;
    private Path passwordFile;
    private Path caFile;
    private String fingerprint;
    private String clientId;
    private final LinkedHashSet<String> agents = new LinkedHashSet<>();
    private boolean allOnline;
    private boolean list;
    /** Options given that mean nothing without --broker. */
    private final List<String> given = new ArrayList<>();

    /** Takes {@code args[index]} and, for options with a value, the next: how many it took, 0 for no broker option. */
    int take(String option, String[] args, int index) throws CliArguments.UsageException {
        switch (option) {
            case "--broker" -> url = CliArguments.value(args, index + 1, option);
            case "--broker-user" -> user = CliArguments.value(args, index + 1, option);
            case "--broker-password-file" -> passwordFile = Path.of(CliArguments.value(args, index + 1, option));
            case "--broker-ca" -> caFile = Path.of(CliArguments.value(args, index + 1, option));
            case "--broker-fingerprint" -> fingerprint = CliArguments.value(args, index + 1, option).strip();
            case "--client-id" -> clientId = id(CliArguments.value(args, index + 1, option), option);
            case "--agent" -> agents.add(id(CliArguments.value(args, index + 1, option), option));
            case "--agents" -> {
                for (String id : CliArguments.value(args, index + 1, option).split(",", -1)) {
                    agents.add(id(id, option));
                }
            }
            case "--all-online" -> allOnline = true;
            case "--list" -> list = true;
            default -> {
                return 0;
            }
        }
        if (!option.equals("--broker")) {
            given.add(option);
        }
        return option.equals("--all-online") || option.equals("--list") ? 1 : 2;
    }

    /**
     * The broker arguments, null without --broker; checks that they go together.
     *
     * @param group --group, stripped; null when not given (then it is no broker target)
     */
    BrokerArguments build(boolean directTargets, String group) throws CliArguments.UsageException {
        if (url == null) {
            if (!given.isEmpty()) {
                throw new CliArguments.UsageException(given.get(0) + " needs --broker");
            }
            return null;
        }
        if (directTargets) {
            throw new CliArguments.UsageException("--broker reaches agents by id: leave out --servers, --host and --port");
        }
        if ((user == null) != (passwordFile == null)) {
            throw new CliArguments.UsageException("--broker-user and --broker-password-file go together");
        }
        if (caFile != null && fingerprint != null) {
            throw new CliArguments.UsageException("give --broker-ca or --broker-fingerprint, not both");
        }
        int targets = (agents.isEmpty() ? 0 : 1) + (allOnline ? 1 : 0) + (list ? 1 : 0) + (group != null ? 1 : 0);
        if (targets == 0) {
            throw new CliArguments.UsageException(
                    "--broker needs --agent ID, --agents ID,ID,..., --group G, --all-online or --list");
        }
        if (targets > 1) {
            throw new CliArguments.UsageException(group != null
                    ? "--group selects the agents by their group: leave out --agent, --agents, --all-online and --list"
                    : "give one of --agent/--agents, --group, --all-online and --list");
        }
        try {
            BrokerArguments arguments = new BrokerArguments(url, user, passwordFile, caFile, fingerprint, clientId,
                    List.copyOf(agents), group, allOnline, list);
            arguments.settings(); // checks the URL and the client id now, as usage errors
            return arguments;
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("--broker: " + e.getMessage());
        }
    }

    private static String id(String id, String option) throws CliArguments.UsageException {
        String stripped = id.strip();
        if (!BrokerArguments.isTopicLevel(stripped)) {
            throw new CliArguments.UsageException(option + ": an id is one MQTT topic level (not empty, no /, + or #): '" + id + "'");
        }
        return stripped;
    }
}
