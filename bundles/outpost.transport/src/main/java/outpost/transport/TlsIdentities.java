package outpost.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

import outpost.files.AtomicFiles;

/**
 * Creates and keeps a server's self-signed identity: an EC P-256 key and a certificate valid for
 * ten years, in a PKCS#12 file readable by its owner only. Clients pin its fingerprint.
 */
public final class TlsIdentities {

    private static final String ALIAS = "outpost";
    // PKCS#12 needs a password; the file's owner-only permissions are the actual protection.
    private static final char[] STORE_PASSWORD = "outpost".toCharArray();
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private TlsIdentities() {
    }

    /**
     * Loads the identity from {@code file} if it exists. Bouncy Castle is not touched: an agent
     * whose key store exists never loads it.
     */
    public static Optional<TlsIdentity> loadIfPresent(Path file) throws IOException {
        try {
            return Optional.of(load(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Loads the identity from {@code file}, creating it first when the file does not exist. */
    public static TlsIdentity loadOrCreate(Path file, String commonName) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        TlsIdentity identity = generate(commonName);
        save(file, identity);
        return identity;
    }

    public static TlsIdentity generate(String commonName) throws IOException {
        return SelfSignedCertificates.generate(commonName, VALIDITY);
    }

    static TlsIdentity load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(in, STORE_PASSWORD);
            } catch (IOException e) { // a damaged or foreign file: JSSE's message alone may be null
                throw new IOException("cannot read the TLS key store " + file + ": " + e, e);
            }
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD);
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            if (key == null || certificate == null) {
                throw new IOException(file + " holds no Outpost key and certificate");
            }
            return new TlsIdentity(key, certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }

    static void save(Path file, TlsIdentity identity) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, identity.privateKey(), STORE_PASSWORD, new X509Certificate[] { identity.certificate() });
            AtomicFiles.write(file, true, out -> {
                try {
                    store.store(out, STORE_PASSWORD);
                } catch (GeneralSecurityException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }
}
