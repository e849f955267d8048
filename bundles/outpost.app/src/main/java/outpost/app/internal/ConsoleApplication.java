package outpost.app.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.FrameworkUtil;

/** The Outpost Console: a workbench with the Server Explorer and server consoles. */
public final class ConsoleApplication implements IApplication {

    /** System property read by about.mappings: the About dialog names the version that really runs. */
    static final String VERSION_PROPERTY = "outpost.console.version";

    @Override
    public Object start(IApplicationContext context) {
        System.setProperty(VERSION_PROPERTY, FrameworkUtil.getBundle(ConsoleApplication.class).getVersion().toString());
        Display display;
        try {
            display = PlatformUI.createDisplay();
        } catch (SWTError e) {
            System.err.println("Outpost Console: cannot open a window (" + e.getMessage()
                    + "). Set DISPLAY to an X server, or run the console under xvfb-run.");
            return 3;
        }
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new ConsoleWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
