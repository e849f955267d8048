package outpost.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import outpost.agent.Agent;
import outpost.agent.AgentFactory;
import outpost.agent.AgentFactory.StandaloneAgent;

/**
 * More agents in the test framework than the one DS makes (the agent is a single listener), made by
 * the agent bundle's {@link AgentFactory} with the same transport, metrics and commands, and
 * started with explicit settings. Close it to stop them and end their threads.
 */
final class ExtraAgents implements AutoCloseable {

    private final AgentFactory factory;
    private final List<StandaloneAgent> made = new ArrayList<>();

    ExtraAgents() throws InterruptedException {
        this.factory = WorkbenchRobot.service(AgentFactory.class);
    }

    Agent create() {
        return create(name -> true);
    }

    /** An agent that offers only the commands whose names {@code offered} accepts, as one without some would. */
    Agent create(Predicate<String> offered) {
        StandaloneAgent agent = factory.create(offered);
        made.add(agent);
        return agent;
    }

    @Override
    public void close() {
        made.forEach(StandaloneAgent::close);
        made.clear();
    }
}
