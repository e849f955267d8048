package outpost.transport.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import outpost.transport.TlsIdentity;

/**
 * Offers one server identity to JSSE. The usual route, a key store given to a
 * {@code KeyManagerFactory}, would encrypt the key into an in-memory PKCS#12 store and decrypt it
 * again (two key derivations of 10,000 rounds at every agent start) only to hand back this key.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {

    static final String ALIAS = "server";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    IdentityKeyManager(TlsIdentity identity) {
        this.key = identity.privateKey();
        this.chain = new X509Certificate[] { identity.certificate() };
    }

    /** JSSE asks by key algorithm ("EC", "RSA", "RSASSA-PSS"); the key offers what it is. */
    private String aliasFor(String keyType) {
        return key.getAlgorithm().equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] { ALIAS };
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** A server presents no client certificate. */
    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }
}
