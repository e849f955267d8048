package outpost.protocol;

/** Version of the wire format described in docs/PROTOCOL.md. Peers must agree on the major. */
public final class ProtocolVersion {

    public static final int MAJOR = 0;
    public static final int MINOR = 1;

    private ProtocolVersion() {
    }

    public static String text() {
        return MAJOR + "." + MINOR;
    }
}
