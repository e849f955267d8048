package outpost.agent.internal.configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Feeds ConfigAdmin pid {@value AgentConfiguration#PID} from the agent's configuration file, with
 * the command line's options on top; remembers both so that {@code reset} can read the file again.
 * Each load carries a new generation, so a caller can wait until the agent has taken exactly it.
 */
@Component(service = AgentConfigurationFeed.class)
public final class AgentConfigurationFeed {

    private final ConfigurationAdmin configurationAdmin;
    private Path file;
    private boolean fileRequired;
    private Map<String, Object> defaults;
    private Map<String, Object> overrides;

    @Activate
    public AgentConfigurationFeed(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * Reads the file (a missing file means defaults unless {@code required}) over the given
     * defaults, puts the command line's overrides on top and updates the configuration.
     *
     * @return the generation of this load
     * @throws IOException when the file cannot be read or holds an invalid key or value (the message names it)
     */
    public synchronized String load(Path configurationFile, boolean required, Map<String, Object> installDefaults,
            Map<String, Object> commandLine) throws IOException {
        String generation = update(configurationFile, required, installDefaults, commandLine);
        file = configurationFile;
        fileRequired = required;
        defaults = Map.copyOf(installDefaults);
        overrides = Map.copyOf(commandLine);
        return generation;
    }

    /** Reads the file of the last {@link #load} again; empty when nothing was loaded (an agent started by a test). */
    public synchronized Optional<String> reload() throws IOException {
        return overrides == null ? Optional.empty() : Optional.of(update(file, fileRequired, defaults, overrides));
    }

    /** Removes the configuration and forgets its source, so a later start does not find it stale in ConfigAdmin. */
    public synchronized void clear() throws IOException {
        file = null;
        defaults = null;
        overrides = null;
        configurationAdmin.getConfiguration(AgentConfiguration.PID).delete();
    }

    private String update(Path configurationFile, boolean required, Map<String, Object> installDefaults,
            Map<String, Object> commandLine) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>(installDefaults);
        if (required || Files.exists(configurationFile)) {
            values.putAll(AgentConfigurationFile.read(configurationFile));
        }
        values.putAll(commandLine);
        String generation = UUID.randomUUID().toString();
        values.put(AgentConfiguration.GENERATION, generation);
        // bound to this bundle's location: only the agent's own components receive it
        configurationAdmin.getConfiguration(AgentConfiguration.PID).update(new Hashtable<>(values));
        return generation;
    }
}
