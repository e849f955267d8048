package outpost.protocol;

import java.util.Objects;

/** First message of a connection, sent by the agent: who it is and which protocol it speaks. */
public record Hello(int protocolMajor, int protocolMinor, String agentVersion, String hostName) implements Message {

    public Hello {
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(hostName, "hostName");
    }

    /** The hello this implementation sends, for the given agent version and host. */
    public static Hello current(String agentVersion, String hostName) {
        return new Hello(ProtocolVersion.MAJOR, ProtocolVersion.MINOR, agentVersion, hostName);
    }

    /** Whether a peer implementing this code can talk to the sender of this hello. */
    public boolean isCompatible() {
        return protocolMajor == ProtocolVersion.MAJOR;
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
