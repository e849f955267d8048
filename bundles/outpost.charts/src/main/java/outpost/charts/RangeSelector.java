package outpost.charts;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/** A row of buttons to pick the span of time charts show: 10 minutes, 1 hour, 24 hours. */
public final class RangeSelector {

    private final Composite row;
    private final Map<ChartRange, Button> buttons = new EnumMap<>(ChartRange.class);
    private ChartRange selection;

    public RangeSelector(Composite parent, ChartRange initial, Consumer<ChartRange> picked) {
        row = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.marginLeft = layout.marginRight = layout.marginTop = layout.marginBottom = 0;
        row.setLayout(layout);
        selection = initial;
        for (ChartRange range : ChartRange.values()) {
            Button button = new Button(row, SWT.RADIO);
            button.setText(range.label());
            button.setToolTipText("Show the last " + range.label());
            button.setSelection(range == initial);
            button.addListener(SWT.Selection, event -> {
                if (button.getSelection() && selection != range) {
                    selection = range;
                    picked.accept(range);
                }
            });
            buttons.put(range, button);
        }
    }

    public Control control() {
        return row;
    }

    public ChartRange selection() {
        return selection;
    }

    /** The button of one range (for ids and tests). */
    public Button button(ChartRange range) {
        return buttons.get(range);
    }
}
