package outpost.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import outpost.agent.AgentSettings;
import outpost.agent.internal.authentication.TokenStore;
import outpost.transport.TlsIdentities;

/**
 * What {@code outpost-agent --init} prepared in the data folder: the admin token and the TLS key
 * and certificate, each made only when missing, as sshd's host keys are made at install. An agent
 * started without it still makes them; made beforehand, the agent's first start keeps none of the
 * memory that making them takes (Bouncy Castle's classes, the key generation).
 *
 * @param createdTokenFile the token file made now; empty when the tokens existed
 * @param identityFile     the key store, made now or found
 * @param createdIdentity  whether the key and certificate were made now
 */
public record AgentInitialization(Path dataDirectory, Optional<Path> createdTokenFile, Path identityFile, String fingerprint,
        boolean createdIdentity) {

    /**
     * Makes what is missing. The identity is made with plain TCP configured too: switching TLS on
     * later then needs nothing more.
     */
    static AgentInitialization prepare(AgentSettings settings, String hostName) throws IOException {
        Path data = settings.dataDirectory();
        Optional<Path> token = TokenStore.createIfMissing(data);
        Path identity = data.resolve(AgentServer.IDENTITY_FILE);
        boolean existed = Files.exists(identity);
        String fingerprint = TlsIdentities.loadOrCreate(identity, hostName).fingerprint();
        return new AgentInitialization(data, token, identity, fingerprint, !existed);
    }
}
