package outpost.cli.internal;

import java.io.IOException;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.client.SessionFactory;

/**
 * outpost-cli as an Equinox application: {@link CliRun} with the client's SessionFactory service.
 * The launch script runs {@link CliMain} instead, without a framework; this stays for running the
 * client inside an OSGi installation.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        ServiceTracker<SessionFactory, SessionFactory> tracker =
                new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), SessionFactory.class, null);
        tracker.open();
        try {
            return CliRun.main(() -> {
                SessionFactory factory = tracker.waitForService(30_000);
                if (factory == null) {
                    throw new IOException("the client service did not start (is org.apache.felix.scr started?)");
                }
                return factory;
            }, args, System.out, System.err);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop() {
        // requests are bounded by their timeout; Ctrl+C cancels them through CancelOnExit
    }
}
