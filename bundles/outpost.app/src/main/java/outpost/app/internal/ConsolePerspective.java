package outpost.app.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.IPlaceholderFolderLayout;

import outpost.explorer.ui.ServerExplorer;

/** Server Explorer on the left, server consoles in the editor area. */
public final class ConsolePerspective implements IPerspectiveFactory {

    public static final String ID = "outpost.app.perspective";
    /** The Error Log of org.eclipse.ui.views.log (its id dates from PDE). */
    public static final String ERROR_LOG_VIEW_ID = "org.eclipse.pde.runtime.LogView";
    public static final String DASHBOARD_VIEW_ID = "outpost.explorer.ui.dashboard";
    public static final String ALERTS_VIEW_ID = "outpost.explorer.ui.alerts";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(true);
        layout.addView(ServerExplorer.VIEW_ID, IPageLayout.LEFT, 0.5f, layout.getEditorArea()); // room for every live column at 1200 px
        layout.getViewLayout(ServerExplorer.VIEW_ID).setCloseable(false);
        layout.addShowViewShortcut(ServerExplorer.VIEW_ID);
        layout.addShowViewShortcut(DASHBOARD_VIEW_ID);
        layout.addShowViewShortcut(ALERTS_VIEW_ID);
        layout.addShowViewShortcut(ERROR_LOG_VIEW_ID);
        // shown on demand (Window > Show View) below the consoles, not squeezed beside the explorer
        IPlaceholderFolderLayout below = layout.createPlaceholderFolder("outpost.app.below", IPageLayout.BOTTOM, 0.6f,
                layout.getEditorArea());
        below.addPlaceholder(DASHBOARD_VIEW_ID);
        below.addPlaceholder(ALERTS_VIEW_ID);
        below.addPlaceholder(ERROR_LOG_VIEW_ID);
    }
}
