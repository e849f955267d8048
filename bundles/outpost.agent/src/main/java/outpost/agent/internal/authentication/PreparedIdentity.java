package outpost.agent.internal.authentication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

/**
 * The agent's key and certificate, read on a worker from activation on while OSHI, Netty and the
 * application still start on other threads: the first start then finds it read. Taken once; later
 * starts (a reset) read the file again. A missing or unreadable file is left to
 * {@link #take}, which creates it or reports why. No TLS handshake is rehearsed: with the
 * class-data archive that no longer made the first answer sooner, and cost 3 MiB at rest.
 */
public final class PreparedIdentity {

    public static final String IDENTITY_FILE = "agent-identity.p12";

    private volatile Prepared prepared;

    private record Prepared(Path file, CompletableFuture<Optional<TlsIdentity>> identity) {
    }

    /** Starts reading the identity in the given data folder. */
    public void prepare(Path dataDirectory, Executor reader) {
        Path file = dataDirectory.resolve(IDENTITY_FILE);
        prepared = new Prepared(file, CompletableFuture.supplyAsync(() -> {
            try {
                return TlsIdentities.loadIfPresent(file);
            } catch (IOException e) {
                return Optional.empty();
            }
        }, reader));
    }

    /** The identity in the data folder: the one prepared if it is that folder's, else read or created now. */
    public TlsIdentity take(Path dataDirectory, String hostName) throws IOException {
        Path file = dataDirectory.resolve(IDENTITY_FILE);
        Prepared first = prepared;
        prepared = null;
        if (first != null && first.file().equals(file)) {
            try {
                Optional<TlsIdentity> loaded = first.identity().join();
                if (loaded.isPresent()) {
                    return loaded.get();
                }
            } catch (CompletionException | CancellationException e) {
                // read it again below, which says what is wrong
            }
        }
        return TlsIdentities.loadOrCreate(file, hostName);
    }
}
