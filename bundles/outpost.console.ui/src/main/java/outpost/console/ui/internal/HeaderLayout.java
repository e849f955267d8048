package outpost.console.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;

/**
 * A console header's two parts, the title (host:port, name, status) and its buttons: side by side
 * while both fit, else the buttons on a row of their own under the title, wrapping if even that row
 * is too narrow. Two editors side by side at 1280 px leave a header too narrow for one row, and a
 * cut-off Connect button cannot be clicked.
 */
final class HeaderLayout {

    private final Composite header;
    private final Composite title;
    private final Composite buttons;
    private final GridLayout layout = new GridLayout(2, false);

    private HeaderLayout(Composite header, Composite title, Composite buttons) {
        this.header = header;
        this.title = title;
        this.buttons = buttons;
    }

    /**
     * Lays out the header's two children, title first, and keeps doing so as the header's width
     * changes; tell the returned layout when their texts change ({@link #contentChanged()}).
     */
    static HeaderLayout apply(Composite header, Composite title, Composite buttons) {
        HeaderLayout adaptive = new HeaderLayout(header, title, buttons);
        adaptive.layout.marginWidth = 0;
        adaptive.layout.marginHeight = 0;
        header.setLayout(adaptive.layout);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.wrap = true;
        row.center = true;
        row.marginLeft = row.marginRight = row.marginTop = row.marginBottom = 0;
        buttons.setLayout(row);
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        header.addListener(SWT.Resize, event -> adaptive.fit());
        return adaptive;
    }

    /** A text in the header changed (a status word, Connect that became Disconnect): fit and lay out again. */
    void contentChanged() {
        fit();
        header.layout(true, true);
    }

    private void fit() {
        int width = header.getClientArea().width;
        int needed = title.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + layout.horizontalSpacing
                + buttons.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        int columns = width >= needed ? 2 : 1;
        if (width <= 0 || columns == layout.numColumns) {
            return;
        }
        layout.numColumns = columns;
        GridData data = (GridData) buttons.getLayoutData();
        // alone on its row the button bar takes the whole width, so its RowLayout wraps within it
        data.horizontalAlignment = columns == 2 ? SWT.END : SWT.FILL;
        data.grabExcessHorizontalSpace = columns == 1;
        // the resize comes from inside the parent's layout: lay out again once that has finished
        header.getDisplay().asyncExec(() -> {
            if (!header.isDisposed()) {
                header.getParent().layout(true, true);
            }
        });
    }
}
