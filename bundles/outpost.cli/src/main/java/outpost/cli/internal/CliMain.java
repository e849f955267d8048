package outpost.cli.internal;

import outpost.client.internal.TransportSessionFactory;
import outpost.transport.internal.NettyTransport;

/**
 * outpost-cli on a plain class path, as the launch script runs it: the same classes as the OSGi
 * application, wired by their constructors instead of Declarative Services. Starting a framework,
 * resolving bundles and activating components cost most of a one-question run (docs/BENCHMARKS.md,
 * Start-up), and a single run needs none of what the framework offers.
 */
public final class CliMain {

    private static final String TRUST_STORE = "javax.net.ssl.trustStore";

    private CliMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The client trusts pinned fingerprints only, never a certificate authority; left unset, the JDK
        // reads its whole CA store (about 140 certificates) when TLS starts, a sixth of a run's CPU.
        // A broker's certificate may be checked against the JDK's CAs (no --broker-ca or fingerprint).
        if (System.getProperty(TRUST_STORE) == null && !java.util.List.of(args).contains("--broker")) {
            System.setProperty(TRUST_STORE, "NONE");
        }
        int exit = CliRun.main(() -> {
            NettyTransport transport = new NettyTransport();
            return new ClientServices(new TransportSessionFactory(transport), transport);
        }, args, System.out, System.err);
        System.out.flush();
        // Every session is closed by now; the event loops are daemon threads and need no graceful end.
        System.exit(exit);
    }
}
