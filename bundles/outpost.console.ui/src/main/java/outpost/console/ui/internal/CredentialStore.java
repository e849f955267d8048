package outpost.console.ui.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import outpost.client.PinStore;
import outpost.servers.Server;

/** Where the console keeps agent tokens and pinned certificates. Implementations do I/O: never on the UI thread. */
interface CredentialStore {

    Optional<String> token(Server server) throws IOException;

    void rememberToken(Server server, String token) throws IOException;

    void forgetToken(Server server) throws IOException;

    PinStore pins();

    /** What is stored, per agent address, sorted; tokens only as "stored". Never asks for the master password. */
    List<StoredCredential> stored() throws IOException;

    /** Removes the pinned fingerprint: the next connect asks to trust the agent again. */
    void forgetPin(String host, int port) throws IOException;

    /** Where the tokens are, for messages. */
    String tokenLocation();
}
