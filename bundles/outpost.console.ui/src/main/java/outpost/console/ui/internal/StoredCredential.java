package outpost.console.ui.internal;

import java.util.Comparator;

/**
 * What the console keeps for one agent address: whether and where its token is kept (never the
 * token) and the pinned certificate fingerprint, if any.
 *
 * @param fingerprint the pinned fingerprint; null when none is pinned
 */
record StoredCredential(String host, int port, TokenKept token, String fingerprint) {

    /** Where an agent's token is kept. */
    enum TokenKept {
        NONE(""),
        /** Typed this run while the tokens come from a --tokens file, which the console never adds to. */
        THIS_RUN("this run only"),
        STORED("stored");

        private final String label;

        TokenKept(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static final Comparator<StoredCredential> BY_ADDRESS = Comparator.comparing(StoredCredential::host)
            .thenComparingInt(StoredCredential::port);

    String endpoint() {
        return ConsoleCredentials.key(host, port);
    }

    /**
     * Reads a {@code host:port} key (IPv6 hosts keep their colons: the port is after the last one).
     *
     * @throws IllegalArgumentException when it is not such a key
     */
    static StoredCredential of(String key, TokenKept token, String fingerprint) {
        int colon = key.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + key);
        }
        return new StoredCredential(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)), token, fingerprint);
    }
}
