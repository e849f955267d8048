package outpost.transport;

import java.io.IOException;

/** Opens the carrier of a new outgoing tunnelled stream, given the tunnel that receives the peer's bytes. */
@FunctionalInterface
public interface TunnelOpener {

    /** @throws IOException when the stream cannot be opened (the broker is unreachable) */
    TunnelCarrier open(Tunnel tunnel) throws IOException;
}
