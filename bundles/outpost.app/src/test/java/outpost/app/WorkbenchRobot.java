package outpost.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.explorer.ui.ServerExplorer;

/**
 * What the UI tests do to the workbench, shared: find widgets by their id, click, run the event loop
 * until a condition holds (with a deadline, never a fixed sleep), and reach OSGi services.
 */
final class WorkbenchRobot {

    /** How long a UI test waits for a condition before it fails (the machine may be loaded). */
    static final long TIMEOUT_MILLIS = 30_000;

    private WorkbenchRobot() {
    }

    static Composite workbenchShell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    static void click(Control button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** The visible widget under root whose id ({@link ServerExplorer#WIDGET_ID}) is id; fails if none. */
    static Control find(Composite root, String id) {
        Control found = findOrNull(root, id);
        assertNotNull(found, "no widget '" + id + "'");
        return found;
    }

    static Control findOrNull(Composite root, String id) {
        for (Control child : root.getChildren()) {
            if (id.equals(child.getData(ServerExplorer.WIDGET_ID)) && child.isVisible()) {
                return child;
            }
            if (child instanceof Composite composite) {
                Control found = findOrNull(composite, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        waitUntil(what, condition, () -> "");
    }

    /** Runs the event loop until the condition holds; fails after a deadline instead of hanging. */
    static void waitUntil(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        waitUntil(what, condition, state, TIMEOUT_MILLIS);
    }

    static void waitUntil(String what, BooleanSupplier condition, Supplier<String> state, long timeoutMillis)
            throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting until " + what + " " + state.get());
            }
            while (display.readAndDispatch()) {
                // drain pending UI work
            }
            Thread.sleep(10);
        }
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(WorkbenchRobot.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }
}
