package outpost.agent;

import java.util.function.Predicate;

/**
 * Makes agents beyond the one the framework runs (the {@link Agent} service is a single listener),
 * for tests, benchmarks and tools that need several in one JVM. Each uses the framework's transport,
 * metrics and commands and is started with explicit settings.
 */
public interface AgentFactory {

    /**
     * A new agent, not yet listening, offering the commands present now whose names {@code offered}
     * accepts (as an agent without some commands would).
     */
    StandaloneAgent create(Predicate<String> offered);

    /** An agent made by the factory: closing it stops it and ends its worker and timer threads. */
    interface StandaloneAgent extends Agent, AutoCloseable {
        @Override
        void close();
    }
}
