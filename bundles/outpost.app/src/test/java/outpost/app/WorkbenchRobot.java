package outpost.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.explorer.ui.ServerExplorer;

import outpost.testing.Conditions;

/**
 * What the UI tests do to the workbench, shared: find widgets by their id, click, run the event loop
 * until a condition holds (with a deadline, never a fixed sleep), and reach OSGi services.
 */
final class WorkbenchRobot {

    /** How long a UI test waits for a condition before it fails (the machine may be loaded). */
    static final long TIMEOUT_MILLIS = 30_000;

    private WorkbenchRobot() {
    }

    /**
     * The workbench page, with the Server Explorer closed: the perspective shows it at start, before a
     * test has written the server list it should read.
     */
    static IWorkbenchPage activePageWithoutExplorer() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart openAtStart = page.findView(ServerExplorer.VIEW_ID);
        if (openAtStart != null) {
            page.hideView(openAtStart);
        }
        return page;
    }

    /**
     * What a UI test leaves behind, closed: the consoles, a dialog a failed test left open, and the
     * Server Explorer (disposing it closes its live sessions).
     */
    static void closeConsolesDialogsAndExplorer(IWorkbenchPage page) {
        if (page == null) {
            return;
        }
        page.closeAllEditors(false);
        for (org.eclipse.swt.widgets.Shell shell : Display.getCurrent().getShells()) {
            if (shell != workbenchShell() && !shell.isDisposed()) {
                shell.close();
            }
        }
        IViewPart explorer = page.findView(ServerExplorer.VIEW_ID);
        if (explorer != null) {
            page.hideView(explorer);
        }
    }

    static Composite workbenchShell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    static void click(Control button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Presses the button labelled {@code label} anywhere under {@code root}, as {@link #click} does. */
    static void pressButton(Composite root, String label) {
        for (Control control : root.getChildren()) {
            if (control instanceof org.eclipse.swt.widgets.Button button && label.equals(button.getText())) {
                click(button);
            } else if (control instanceof Composite composite) {
                pressButton(composite, label);
            }
        }
    }

    /**
     * A display filter for SWT.Show that answers a console's first-contact question by trusting the
     * agent, as the user who compared the fingerprint would.
     */
    static final org.eclipse.swt.widgets.Listener TRUST_NEW_AGENTS = event -> {
        if (event.widget instanceof Shell shell && "console.trustDialog".equals(shell.getData(ServerExplorer.WIDGET_ID))) {
            shell.getDisplay().asyncExec(() -> pressButton(shell, "Trust and connect"));
        }
    };

    /**
     * Presses a key as a user does: the events go to the display's input queue (XTest under X11), so
     * the workbench's key bindings see them before the focused widget does, and a key that a binding
     * swallows never reaches the widget. The control is focused first and its shell brought to the
     * front. {@code modifiers} is a mask of SWT.CTRL, SWT.SHIFT, SWT.ALT; {@code key} a character
     * or an SWT key code such as SWT.DEL.
     */
    static void pressKey(Control focus, int modifiers, int key) throws InterruptedException {
        focusForInput(focus);
        Display display = focus.getDisplay();
        int[] modifierKeys = { SWT.CTRL, SWT.SHIFT, SWT.ALT };
        for (int modifier : modifierKeys) {
            if ((modifiers & modifier) != 0) {
                postKey(display, SWT.KeyDown, modifier);
            }
        }
        postKey(display, SWT.KeyDown, key);
        postKey(display, SWT.KeyUp, key);
        for (int i = modifierKeys.length - 1; i >= 0; i--) {
            if ((modifiers & modifierKeys[i]) != 0) {
                postKey(display, SWT.KeyUp, modifierKeys[i]);
            }
        }
        settle(display);
    }

    /** Types text key by key into the focused control ('\r' for Enter). */
    static void typeText(Control focus, String text) throws InterruptedException {
        focusForInput(focus);
        for (char c : text.toCharArray()) {
            postKey(focus.getDisplay(), SWT.KeyDown, c);
            postKey(focus.getDisplay(), SWT.KeyUp, c);
        }
        settle(focus.getDisplay());
    }

    /** Clicks the middle of a control with the mouse (twice for a double-click). */
    static void mouseClick(Control control, int clicks) throws InterruptedException {
        focusForInput(control);
        Display display = control.getDisplay();
        org.eclipse.swt.graphics.Point center = control.toDisplay(control.getSize().x / 2, control.getSize().y / 2);
        mouseClickAt(display, center.x, center.y, clicks);
    }

    /**
     * Moves the real pointer to a point of a control (control coordinates), as a user's mouse does:
     * the event goes through the display's input queue, so the control sees it only if it is the
     * one under the pointer. The control's shell is brought to the front first.
     */
    static void mouseMove(Control control, int x, int y) throws InterruptedException {
        control.getShell().forceActive();
        waitUntil("the shell of " + control + " is active", () -> control.getDisplay().getActiveShell() == control.getShell());
        org.eclipse.swt.graphics.Point target = control.toDisplay(x, y);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = target.x;
        move.y = target.y;
        if (!control.getDisplay().post(move)) {
            throw new AssertionError("the display refused a posted mouse event (no XTest?)");
        }
        settle(control.getDisplay());
    }

    /** Clicks a point given in display coordinates. */
    static void mouseClickAt(Display display, int x, int y, int clicks) throws InterruptedException {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = x;
        move.y = y;
        display.post(move);
        for (int i = 0; i < clicks; i++) {
            for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
                Event event = new Event();
                event.type = type;
                event.button = 1;
                event.count = i + 1;
                display.post(event);
            }
        }
        settle(display);
    }

    private static void focusForInput(Control control) throws InterruptedException {
        control.getShell().forceActive();
        control.forceFocus();
        waitUntil("the shell of " + control + " is active and the control has focus",
                () -> control.getDisplay().getActiveShell() == control.getShell() && control.isFocusControl());
    }

    private static void postKey(Display display, int type, int key) {
        Event event = new Event();
        event.type = type;
        if (key == SWT.CTRL || key == SWT.SHIFT || key == SWT.ALT || (key & SWT.KEYCODE_BIT) != 0) {
            event.keyCode = key;
        } else if (key < ' ' || key == SWT.DEL) {
            event.keyCode = key; // Enter, Escape, Tab...: posted by their key (as characters GTK drops them: there is no key for '\r' or DEL)
        } else {
            event.character = (char) key;
        }
        if (!display.post(event)) {
            throw new AssertionError("the display refused a posted key event (no XTest?)");
        }
    }

    /** Lets the posted events arrive and be handled. */
    private static void settle(Display display) throws InterruptedException {
        long until = System.currentTimeMillis() + 150;
        while (System.currentTimeMillis() < until) {
            while (display.readAndDispatch()) {
                // handle the posted input
            }
            Thread.sleep(10);
        }
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

    /** The items of the open completion popup (a content proposal table in any shell), if any. */
    static List<String> proposals() {
        List<String> items = new ArrayList<>();
        for (Shell shell : Display.getCurrent().getShells()) {
            collectTableItems(shell, items);
        }
        return items;
    }

    private static void collectTableItems(Composite root, List<String> items) {
        for (Control child : root.getChildren()) {
            if (child instanceof Table table && child.isVisible()) {
                for (TableItem item : table.getItems()) {
                    items.add(item.getText());
                }
            } else if (child instanceof Composite composite) {
                collectTableItems(composite, items);
            }
        }
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
        Conditions.waitUntil(what, condition, state, Duration.ofMillis(timeoutMillis), () -> {
            while (display.readAndDispatch()) {
                // drain pending UI work
            }
        });
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
