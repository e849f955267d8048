package outpost.transport.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The key-exchange groups, chosen rather than left to each engine's defaults: X25519 first (fast,
 * constant-time), then the NIST curves P-256 and P-384 for peers that need them; no finite-field
 * groups, no X448 or P-521 (slow, and nothing here needs them). The same list on both engines;
 * JSSE on Java 17 takes it only from the system property {@value #JSSE_PROPERTY} (a per-engine
 * setting came with Java 20), which the launch scripts set to {@link #JSSE_PROPERTY_VALUE}.
 * <p>
 * The native engine offers the hybrid post-quantum group X25519MLKEM768 first (docs/BENCHMARKS.md
 * has the handshake cost that decided it). BoringSSL then sends key shares for it and for X25519,
 * so a JSSE peer, which does not know the hybrid, still agrees on X25519 without a retry.
 */
public final class TlsGroups {

    /** IANA names as Netty passes them to BoringSSL. */
    static final String HYBRID = "X25519MLKEM768";
    static final List<String> CLASSIC = List.of("x25519", "secp256r1", "secp384r1");

    /** Whether the native engine offers {@link #HYBRID} first (decided by the measurements in BENCHMARKS.md). */
    static final boolean OFFER_HYBRID = true;

    public static final String JSSE_PROPERTY = "jdk.tls.namedGroups";
    public static final String JSSE_PROPERTY_VALUE = String.join(",", CLASSIC);

    private TlsGroups() {
    }

    /** What the native engine offers and accepts, most preferred first. */
    static String[] nativeGroups(boolean hybrid) {
        List<String> groups = new ArrayList<>();
        if (hybrid) {
            groups.add(HYBRID);
        }
        groups.addAll(CLASSIC);
        return groups.toArray(String[]::new);
    }
}
