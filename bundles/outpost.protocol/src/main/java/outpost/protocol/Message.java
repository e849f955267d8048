package outpost.protocol;

/**
 * A message of the Outpost wire protocol. Every message travels in one frame; see
 * docs/PROTOCOL.md for the byte layout.
 */
public sealed interface Message permits Hello, Request, Reply {

    /** The type byte that starts the frame payload. */
    MessageType type();
}
