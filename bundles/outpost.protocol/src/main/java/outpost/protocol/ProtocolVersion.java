package outpost.protocol;

/** Version of the wire format described in docs/PROTOCOL.md. Peers must agree on the major. */
public final class ProtocolVersion {

    public static final int MAJOR = 1;
    public static final int MINOR = 0;

    private ProtocolVersion() {
    }

    public static boolean isCompatible(int major) {
        return major == MAJOR;
    }

    public static String text() {
        return MAJOR + "." + MINOR;
    }
}
