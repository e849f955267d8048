package outpost.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import outpost.agent.Agent;
import outpost.agent.AgentCommand;

/**
 * More agents in the test framework than the one DS makes (the agent is a singleton component):
 * each made with the agent's constructor for agents outside DS, with the same transport, metrics
 * and commands as the first, and started with explicit settings. Close it to release the services it took.
 */
final class ExtraAgents implements AutoCloseable {

    private final BundleContext context;
    private final Class<?> agentClass;
    private final List<ServiceReference<?>> used = new ArrayList<>();
    private final List<Agent> made = new ArrayList<>();

    ExtraAgents(BundleContext context, Agent first) {
        this.context = context;
        this.agentClass = first.getClass();
    }

    Agent create() throws Exception {
        return create(name -> true);
    }

    /** An agent that offers only the commands whose names {@code offered} accepts, as one without some would. */
    Agent create(Predicate<String> offered) throws Exception {
        // the constructor for agents made outside DS (no ConfigAdmin configuration)
        Constructor<?> constructor = Arrays.stream(agentClass.getConstructors())
                .filter(candidate -> candidate.getParameterCount() == 2).findFirst().orElseThrow();
        Agent agent = (Agent) constructor.newInstance(service("outpost.transport.Transport"),
                service("outpost.agent.internal.SystemMetrics"));
        Class<?> commandType = agentClass.getClassLoader().loadClass("outpost.agent.AgentCommand");
        Method addCommand = agentClass.getDeclaredMethod("addCommand", commandType);
        addCommand.setAccessible(true);
        for (ServiceReference<?> reference : context.getServiceReferences("outpost.agent.AgentCommand", null)) {
            AgentCommand command = (AgentCommand) context.getService(reference);
            used.add(reference);
            if (offered.test(command.name())) {
                addCommand.invoke(agent, command);
            }
        }
        made.add(agent);
        return agent;
    }

    /** Stops every agent made here and ends its worker pool and timer (as DS's deactivation would). */
    @Override
    public void close() throws Exception {
        Method deactivate = agentClass.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        for (Agent agent : made) {
            agent.stop();
            deactivate.invoke(agent);
        }
        made.clear();
        used.forEach(context::ungetService);
        used.clear();
    }

    private Object service(String type) throws Exception {
        ServiceReference<?>[] references = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while ((references = context.getServiceReferences(type, null)) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(references, type + " service not available");
        used.add(references[0]);
        return context.getService(references[0]);
    }
}
