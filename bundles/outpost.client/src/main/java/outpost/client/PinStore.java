package outpost.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a client keeps the certificate fingerprints it has pinned, one per agent address,
 * SSH known-hosts style. {@link KnownAgents} keeps them in a file; the console keeps them in
 * Eclipse secure storage.
 */
public interface PinStore {

    Optional<String> fingerprint(String host, int port) throws IOException;

    void remember(String host, int port, String fingerprint) throws IOException;

    /** Where the pins are kept, named for users who have to remove a stale pin by hand. */
    String location();
}
