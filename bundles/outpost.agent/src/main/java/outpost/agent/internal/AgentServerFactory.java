package outpost.agent.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import outpost.agent.AgentCommand;
import outpost.agent.AgentFactory;
import outpost.agent.AgentSettings;
import outpost.transport.Transport;

/** Agents made on request, each an {@link AgentServer} outside DS with the commands present when it is made. */
@Component(service = AgentFactory.class)
public final class AgentServerFactory implements AgentFactory {

    private final Transport transport;
    private final SystemMetrics metrics;
    private final List<AgentCommand> commands = new CopyOnWriteArrayList<>();

    @Activate
    public AgentServerFactory(@Reference Transport transport, @Reference SystemMetrics metrics) {
        this.transport = transport;
        this.metrics = metrics;
    }

    /** For a host without a framework (a benchmark on a plain class path): the commands given here. */
    public AgentServerFactory(Transport transport, SystemMetrics metrics, java.util.Collection<AgentCommand> commands) {
        this(transport, metrics);
        this.commands.addAll(commands);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(AgentCommand command) {
        commands.add(command);
    }

    void removeCommand(AgentCommand command) {
        commands.remove(command);
    }

    @Override
    public StandaloneAgent create(Predicate<String> offered) {
        AgentServer server = new AgentServer(transport, metrics);
        commands.stream().filter(command -> offered.test(command.name())).forEach(server::addCommand);
        return new Made(server);
    }

    private record Made(AgentServer server) implements StandaloneAgent {
        @Override
        public AgentStartup start(AgentSettings settings) throws java.io.IOException {
            return server.start(settings);
        }

        @Override
        public void stop() {
            server.stop();
        }

        @Override
        public Optional<InetSocketAddress> address() {
            return server.address();
        }

        @Override
        public CompletionStage<Void> stopRequested() {
            return server.stopRequested();
        }

        @Override
        public void close() {
            server.deactivate(); // stops it, then its worker and timer threads
        }
    }
}
