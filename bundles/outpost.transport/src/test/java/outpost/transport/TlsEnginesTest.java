package outpost.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import outpost.transport.internal.NativeTls.Availability;

/** How a choice of engine resolves, with the native engine there and missing. */
class TlsEnginesTest {

    private static final Availability LOADED = new Availability(true, "BoringSSL (netty-tcnative 2.0.84)", null);
    private static final Availability MISSING = new Availability(false, null, "no BoringSSL library for this platform is installed");

    @Test
    void autoTakesTheNativeEngineWhenItLoadsAndSaysWhyNotOtherwise() throws IOException {
        assertEquals(new TlsEngineInUse(true, "BoringSSL (netty-tcnative 2.0.84)"), TlsEngines.select(TlsEngine.AUTO, LOADED));
        TlsEngineInUse fallback = TlsEngines.select(TlsEngine.AUTO, MISSING);
        assertFalse(fallback.isNative());
        assertEquals("JSSE (native engine not available: no BoringSSL library for this platform is installed)", fallback.description());
    }

    @Test
    void opensslIsAnErrorWhenTheNativeEngineCannotLoadNeverAFallback() throws IOException {
        assertTrue(TlsEngines.select(TlsEngine.OPENSSL, LOADED).isNative());
        IOException error = assertThrows(IOException.class, () -> TlsEngines.select(TlsEngine.OPENSSL, MISSING));
        assertEquals("the TLS engine is openssl, but the native engine cannot load: no BoringSSL library for this platform is installed",
                error.getMessage());
    }

    @Test
    void jdkIsJsseEvenWhenTheNativeEngineLoads() throws IOException {
        assertEquals(new TlsEngineInUse(false, "JSSE (chosen: tls.engine = jdk)"), TlsEngines.select(TlsEngine.JDK, LOADED));
    }

    @Test
    void thisTestRunLoadsBoringSslAndNamesTcnativesVersion() throws IOException {
        assertEquals("BoringSSL (netty-tcnative 2.0.84)", TlsEngines.select(TlsEngine.AUTO).description());
    }

    @Test
    void theWordsAreAutoOpensslAndJdkInAnyCase() {
        assertEquals(TlsEngine.OPENSSL, TlsEngine.parse(" OpenSSL "));
        assertEquals(TlsEngine.JDK, TlsEngine.parse("jdk"));
        assertEquals("auto", TlsEngine.AUTO.key());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TlsEngine.parse("boringssl"));
        assertEquals("the TLS engine must be auto, openssl or jdk, not 'boringssl'", error.getMessage());
    }
}
