package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;
import outpost.agent.internal.HostName;

/** {@code name}: the host name of the machine. */
@Component(service = AgentCommand.class)
public final class NameCommand implements AgentCommand {

    @Override
    public String name() {
        return "name";
    }

    @Override
    public String help() {
        return "host name of this machine";
    }

    @Override
    public String execute(String arguments) {
        return HostName.current();
    }
}
