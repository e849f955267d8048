package outpost.broker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import outpost.broker.BrokerSettings;
import outpost.transport.Fingerprints;

/**
 * The TLS of the MQTT link: trust the broker's certificate through the CA file given, or by its
 * pinned fingerprint, or else through the JDK's CAs. TLS 1.3 and 1.2 (brokers differ).
 */
public final class BrokerTls {

    private BrokerTls() {
    }

    public static SSLSocketFactory socketFactory(BrokerSettings settings) throws IOException {
        try {
            TrustManager[] trust;
            if (settings.caFile().isPresent()) {
                trust = caTrust(settings);
            } else if (settings.fingerprint().isPresent()) {
                trust = new TrustManager[] { new PinnedCertificate(settings.fingerprint().get()) };
            } else {
                trust = null; // the JDK's CAs
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("broker TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] caTrust(BrokerSettings settings) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(settings.caFile().get())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IOException("broker CA file holds no PEM certificate: " + settings.caFile().get());
        }
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Trusts exactly one certificate, by its SHA-256 fingerprint, as Outpost pins agents. */
    private static final class PinnedCertificate implements X509TrustManager {

        private final String expected;

        PinnedCertificate(String fingerprint) {
            this.expected = fingerprint.strip().toUpperCase(Locale.ROOT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String actual = Fingerprints.sha256(chain[0]);
            if (!actual.toUpperCase(Locale.ROOT).equals(expected)) {
                throw new CertificateException("the broker's certificate is " + actual + ", not the pinned " + expected);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
