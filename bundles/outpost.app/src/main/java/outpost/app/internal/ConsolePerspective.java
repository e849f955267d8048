package outpost.app.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import outpost.explorer.ui.ServerExplorer;

/** Server Explorer on the left, server consoles in the editor area. */
public final class ConsolePerspective implements IPerspectiveFactory {

    public static final String ID = "outpost.app.perspective";
    /** The Error Log of org.eclipse.ui.views.log (its id dates from PDE). */
    public static final String ERROR_LOG_VIEW_ID = "org.eclipse.pde.runtime.LogView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(true);
        layout.addView(ServerExplorer.VIEW_ID, IPageLayout.LEFT, 0.5f, layout.getEditorArea()); // room for every live column at 1200 px
        layout.getViewLayout(ServerExplorer.VIEW_ID).setCloseable(false);
        layout.addShowViewShortcut(ServerExplorer.VIEW_ID);
        layout.addShowViewShortcut(ERROR_LOG_VIEW_ID);
        // shown on demand (Window > Show View > Error Log) below the consoles, not squeezed beside the explorer
        layout.addPlaceholder(ERROR_LOG_VIEW_ID, IPageLayout.BOTTOM, 0.7f, layout.getEditorArea());
    }
}
