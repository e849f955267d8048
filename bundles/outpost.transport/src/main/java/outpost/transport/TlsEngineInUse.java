package outpost.transport;

/**
 * The engine that TLS runs on, as a choice resolved it.
 *
 * @param isNative    BoringSSL (true) or JSSE (false)
 * @param description what banners and status lines show after "TLS: ", e.g.
 *                    {@code BoringSSL (netty-tcnative 2.0.84)} or
 *                    {@code JSSE (native engine not available: ...)}
 */
public record TlsEngineInUse(boolean isNative, String description) {

    @Override
    public String toString() {
        return description;
    }
}
