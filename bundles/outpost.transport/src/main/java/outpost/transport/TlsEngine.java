package outpost.transport;

import java.util.Locale;

/**
 * Which TLS engine a listener or a connection asks for ({@code tls.engine} in the agent's
 * configuration, a console preference, outpost-cli's {@code --tls-engine}).
 */
public enum TlsEngine {
    /** BoringSSL when its native library loads, else JSSE (the reason is reported). */
    AUTO,
    /** BoringSSL through netty-tcnative, or an error when it cannot load: never a silent fallback. */
    OPENSSL,
    /** The JDK's own engine (JSSE). */
    JDK;

    /** The configuration word: {@code auto}, {@code openssl} or {@code jdk}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a configuration word, in any letter case.
     *
     * @throws IllegalArgumentException naming the words allowed
     */
    public static TlsEngine parse(String word) {
        String key = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        for (TlsEngine engine : values()) {
            if (engine.key().equals(key)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("the TLS engine must be auto, openssl or jdk, not '" + word + "'");
    }
}
