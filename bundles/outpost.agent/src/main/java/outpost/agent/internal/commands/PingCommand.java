package outpost.agent.internal.commands;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.shell.ProcessRunner;

/**
 * {@code ping <host> [count]}: the system's ping, run with an argument list. The host must look
 * like a host name or an IP address, so nothing else can ride along to the program.
 */
@Component(service = AgentCommand.class)
public final class PingCommand implements AgentCommand {

    static final int MAX_COUNT = 20;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?");

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String help() {
        return "ping <host> [count]: the system's ping, 4 probes unless told (at most " + MAX_COUNT + ")";
    }

    @Override
    public int execute(CommandContext context) throws Exception {
        String[] words = context.arguments().isEmpty() ? new String[0] : context.arguments().split("\\s+");
        if (words.length < 1 || words.length > 2) {
            throw new IllegalArgumentException("usage: ping <host> [count]");
        }
        String host = words[0];
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid host '" + host + "': a host name or an IP address only");
        }
        int count = 4;
        if (words.length == 2) {
            try {
                count = Integer.parseInt(words[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("count must be a number, not '" + words[1] + "'");
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT);
            }
        }
        List<String> command = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? List.of("ping", "-n", Integer.toString(count), host)
                : List.of("ping", "-c", Integer.toString(count), host);
        try {
            return ProcessRunner.run(command, context);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot run ping on this agent's machine: " + e.getMessage());
        }
    }
}
