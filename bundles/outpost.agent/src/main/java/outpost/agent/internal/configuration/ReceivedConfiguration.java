package outpost.agent.internal.configuration;

import java.nio.file.Path;
import java.util.Optional;

import outpost.agent.AgentSettings;

/**
 * The settings ConfigAdmin delivered last, the generation they came with, and why the last
 * configuration was refused if it was. A reset that read the file again waits here for exactly
 * its generation.
 */
public final class ReceivedConfiguration {

    private static final System.Logger LOG = System.getLogger(ReceivedConfiguration.class.getName());

    private AgentSettings settings; // guarded by this
    private String generation = ""; // guarded by this
    private Optional<String> problem = Optional.empty(); // guarded by this

    /** Takes a configuration as it arrives (null: the agent was made without ConfigAdmin). */
    public synchronized void receive(AgentConfiguration config) {
        if (config == null) {
            problem = Optional.of("none: this agent was made without ConfigAdmin; start it with explicit settings");
            return;
        }
        try {
            settings = ConfiguredSettings.from(config, Path.of("data"));
            problem = Optional.empty();
        } catch (IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "configuration " + AgentConfiguration.PID + " not used: " + e.getMessage());
        }
        generation = config.outpost_generation();
        notifyAll();
    }

    /** The settings to listen with; empty while the last configuration could not be used. */
    public synchronized Optional<AgentSettings> settings() {
        return problem.isPresent() ? Optional.empty() : Optional.ofNullable(settings);
    }

    public synchronized Optional<String> problem() {
        return problem;
    }

    /** Waits (a bounded time) until the configuration of the given generation has arrived. */
    public synchronized boolean awaitGeneration(String expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!expected.equals(generation)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
