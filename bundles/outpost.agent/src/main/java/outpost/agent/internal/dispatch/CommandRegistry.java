package outpost.agent.internal.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;

import outpost.agent.AgentCommand;
import outpost.protocol.Role;

/** The commands currently offered, by name; updated as command services come and go. */
public final class CommandRegistry {

    private final SortedMap<String, AgentCommand> commands = new ConcurrentSkipListMap<>();
    private final Map<String, AgentCommand> aliases = new java.util.concurrent.ConcurrentHashMap<>();

    public void add(AgentCommand command) {
        commands.put(command.name(), command);
        command.aliases().forEach(alias -> aliases.put(alias, command));
    }

    /** Removes the command only if it is still the registered one (a replacement may have arrived). */
    public void remove(AgentCommand command) {
        commands.remove(command.name(), command);
        command.aliases().forEach(alias -> aliases.remove(alias, command));
    }

    public Optional<AgentCommand> find(String name) {
        AgentCommand command = commands.get(name);
        return Optional.ofNullable(command != null ? command : aliases.get(name));
    }

    /**
     * The text of {@code help}: one line per command the given roles may run and {@code offered}
     * lets through (what this agent runs here, or what a port offers), sorted by name; built-ins are
     * always listed.
     */
    public String helpText(Set<Role> roles, java.util.function.Predicate<AgentCommand> offered) {
        StringBuilder text = new StringBuilder("Commands:\n");
        int width = Math.max(10, commands.keySet().stream().mapToInt(String::length).max().orElse(4));
        for (BuiltIn builtIn : BuiltIn.values()) {
            if (roles.contains(builtIn.role())) {
                text.append(String.format("  %-" + width + "s  %s%n", builtIn.word(), builtIn.help()));
            }
        }
        for (Map.Entry<String, AgentCommand> entry : commands.entrySet()) {
            if (roles.contains(entry.getValue().requiredRole()) && offered.test(entry.getValue())) {
                List<String> aliases = entry.getValue().aliases();
                String names = aliases.isEmpty() ? entry.getKey() : entry.getKey() + " " + String.join(" ", aliases);
                text.append(String.format("  %-" + width + "s  %s%n", names, entry.getValue().help()));
            }
        }
        return text.toString().stripTrailing();
    }
}
