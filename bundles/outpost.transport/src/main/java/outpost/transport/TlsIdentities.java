package outpost.transport;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_") + ",O=Outpost agent");
            Instant now = Instant.now();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsIdentity(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create a TLS key and certificate: " + e.getMessage(), e);
        }
    }

    static TlsIdentity load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
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
