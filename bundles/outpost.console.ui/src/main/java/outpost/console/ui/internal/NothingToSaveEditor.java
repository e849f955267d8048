package outpost.console.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.ui.part.EditorPart;

/**
 * An editor that shows what happens on agents and has no document: never dirty, nothing to save
 * (a console's transcript is saved with its own Save... button).
 */
public abstract class NothingToSaveEditor extends EditorPart {

    @Override
    public final void doSave(IProgressMonitor monitor) {
        // nothing to save
    }

    @Override
    public final void doSaveAs() {
        // nothing to save
    }

    @Override
    public final boolean isDirty() {
        return false;
    }

    @Override
    public final boolean isSaveAsAllowed() {
        return false;
    }
}
