package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

class IdentityKeyManagerTest {

    @Test
    void offersTheIdentityOnlyForItsOwnKeyAlgorithmAndNeverAsAClient() throws Exception {
        TlsIdentity identity = TlsIdentities.generate("agent"); // EC P-256
        IdentityKeyManager keys = new IdentityKeyManager(identity);
        String alias = keys.chooseEngineServerAlias("EC", null, null);
        assertEquals(IdentityKeyManager.ALIAS, alias);
        assertNull(keys.chooseEngineServerAlias("RSA", null, null), "an EC key cannot answer for RSA");
        assertNull(keys.chooseEngineServerAlias("RSASSA-PSS", null, null));
        assertArrayEquals(new X509Certificate[] { identity.certificate() }, keys.getCertificateChain(alias));
        assertEquals(identity.privateKey(), keys.getPrivateKey(alias));
        assertNull(keys.getPrivateKey("other"));
        assertNull(keys.chooseEngineClientAlias(new String[] { "EC" }, null, null));
    }
}
