package outpost.console.ui.internal;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/**
 * Ctrl+C in a console, as in a terminal: copies the selected text where there is some, and with
 * nothing selected cancels the running commands. It handles the workbench's Copy command while its
 * console editor is active, so the workbench's own Ctrl+C binding (which sees the key before any
 * widget) leads here, and Edit > Copy behaves the same.
 */
final class CopyOrCancelHandler extends AbstractHandler {

    private final List<BooleanSupplier> copiers;
    private final Runnable cancel;

    /**
     * @param copiers each copies its widget's selection if that widget has the focus and a selection,
     *                and says whether it did
     * @param cancel  cancels the running commands
     */
    CopyOrCancelHandler(List<BooleanSupplier> copiers, Runnable cancel) {
        this.copiers = List.copyOf(copiers);
        this.cancel = cancel;
    }

    @Override
    public Object execute(ExecutionEvent event) {
        for (BooleanSupplier copier : copiers) {
            if (copier.getAsBoolean()) {
                return null;
            }
        }
        cancel.run();
        return null;
    }
}
