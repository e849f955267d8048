package outpost.protocol;

/**
 * A message of the Outpost wire protocol; each travels in one frame. docs/PROTOCOL.md gives the
 * byte layout of every type.
 */
public sealed interface Message permits Hello, Auth, AuthOk, Request, Output, Result, Cancel, Ping, Pong, Notice,
        ErrorReport {

    MessageType type();

    /** The request this message belongs to, or 0 for connection-level messages. */
    default int requestId() {
        return 0;
    }
}
