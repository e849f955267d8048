package outpost.agent.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;

import outpost.agent.AgentCommand;
import outpost.protocol.Role;

/** The commands currently offered, by name; updated as command services come and go. */
final class CommandRegistry {

    private final SortedMap<String, AgentCommand> commands = new ConcurrentSkipListMap<>();

    void add(AgentCommand command) {
        commands.put(command.name(), command);
    }

    /** Removes the command only if it is still the registered one (a replacement may have arrived). */
    void remove(AgentCommand command) {
        commands.remove(command.name(), command);
    }

    Optional<AgentCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The text of {@code help}: one line per command the given roles may run, sorted by name. */
    String helpText(Set<Role> roles) {
        StringBuilder text = new StringBuilder("Commands:\n");
        int width = Math.max(10, commands.keySet().stream().mapToInt(String::length).max().orElse(4));
        for (BuiltIn builtIn : BuiltIn.values()) {
            if (roles.contains(builtIn.role())) {
                text.append(String.format("  %-" + width + "s  %s%n", builtIn.word(), builtIn.help()));
            }
        }
        for (Map.Entry<String, AgentCommand> entry : commands.entrySet()) {
            if (roles.contains(entry.getValue().requiredRole())) {
                text.append(String.format("  %-" + width + "s  %s%n", entry.getKey(), entry.getValue().help()));
            }
        }
        return text.toString().stripTrailing();
    }
}
