package outpost.protocol;

import java.util.List;
import java.util.Objects;

/** The agent's first message: protocol version, agent version, host name and capabilities. */
public record Hello(int protocolMajor, int protocolMinor, String agentVersion, String hostName, List<String> capabilities)
        implements Message {

    public Hello {
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(hostName, "hostName");
        capabilities = List.copyOf(capabilities);
    }

    public static Hello current(String agentVersion, String hostName, List<String> capabilities) {
        return new Hello(ProtocolVersion.MAJOR, ProtocolVersion.MINOR, agentVersion, hostName, capabilities);
    }

    public boolean isCompatible() {
        return ProtocolVersion.isCompatible(protocolMajor);
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
