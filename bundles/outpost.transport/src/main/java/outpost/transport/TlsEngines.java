package outpost.transport;

import java.io.IOException;

import outpost.transport.internal.NativeTls;

/**
 * Resolves a {@link TlsEngine} choice to the engine that will run. Whether the native engine loads
 * is decided once per JVM (Netty's own state is static), so every listener and connection of a
 * process that asks the same gets the same engine.
 */
public final class TlsEngines {

    private TlsEngines() {
    }

    /**
     * @throws IOException for {@link TlsEngine#OPENSSL} when the native engine cannot load, with why
     */
    public static TlsEngineInUse select(TlsEngine choice) throws IOException {
        // jdk never loads the native library: a process that chose JSSE maps no BoringSSL
        return select(choice, choice == TlsEngine.JDK ? null : NativeTls.availability());
    }

    /**
     * What status lines show after "TLS: ": the engine a choice resolves to, or, for
     * {@link TlsEngine#OPENSSL} without the native engine, {@code none: } and why.
     */
    public static String describe(TlsEngine choice) {
        try {
            return select(choice).description();
        } catch (IOException e) {
            return "none: " + e.getMessage();
        }
    }

    static TlsEngineInUse select(TlsEngine choice, NativeTls.Availability nativeTls) throws IOException {
        return switch (choice) {
            case JDK -> new TlsEngineInUse(false, "JSSE (chosen: tls.engine = jdk)");
            case OPENSSL -> {
                if (!nativeTls.available()) {
                    throw new IOException("the TLS engine is openssl, but the native engine cannot load: " + nativeTls.why());
                }
                yield new TlsEngineInUse(true, nativeTls.name());
            }
            case AUTO -> nativeTls.available() ? new TlsEngineInUse(true, nativeTls.name())
                    : new TlsEngineInUse(false, "JSSE (native engine not available: " + nativeTls.why() + ")");
        };
    }
}
