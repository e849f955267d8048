package outpost.console.ui.internal;

import java.util.Comparator;

/**
 * What the console keeps for one agent address: whether a token is stored (never the token) and
 * the pinned certificate fingerprint, if any.
 *
 * @param fingerprint the pinned fingerprint; null when none is pinned
 */
record StoredCredential(String host, int port, boolean token, String fingerprint) {

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
    static StoredCredential of(String key, boolean token, String fingerprint) {
        int colon = key.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + key);
        }
        return new StoredCredential(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)), token, fingerprint);
    }
}
