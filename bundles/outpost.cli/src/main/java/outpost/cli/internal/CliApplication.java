package outpost.cli.internal;

import java.io.IOException;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.client.SessionFactory;
import outpost.transport.Transport;

/**
 * outpost-cli as an Equinox application: {@link CliRun} with the client's SessionFactory and the
 * Transport services.
 * The launch script runs {@link CliMain} instead, without a framework; this stays for running the
 * client inside an OSGi installation.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        ServiceTracker<SessionFactory, SessionFactory> sessions = tracker(SessionFactory.class);
        ServiceTracker<Transport, Transport> transports = tracker(Transport.class);
        try {
            return CliRun.main(() -> new ClientServices(await(sessions), await(transports)), args, System.out, System.err);
        } finally {
            sessions.close();
            transports.close();
        }
    }

    private <T> ServiceTracker<T, T> tracker(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), type, null);
        tracker.open();
        return tracker;
    }

    private static <T> T await(ServiceTracker<T, T> tracker) throws InterruptedException, IOException {
        T service = tracker.waitForService(30_000);
        if (service == null) {
            throw new IOException("the client service did not start (is org.apache.felix.scr started?)");
        }
        return service;
    }

    @Override
    public void stop() {
        // requests are bounded by their timeout; Ctrl+C cancels them through CancelOnExit
    }
}
