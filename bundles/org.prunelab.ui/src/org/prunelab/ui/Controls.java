package org.prunelab.ui;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The controls above a view's content: a row that wraps onto more lines where the view is narrow, and
 * combos that keep their label beside them when it does.
 */
public final class Controls {

    private Controls() {
    }

    /**
     * A row of controls that wraps.
     *
     * @param parent where it goes
     * @return the row, for the controls
     */
    public static Composite wrappingRow(Composite parent) {
        Composite controls = new Composite(parent, SWT.NONE);
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.wrap = true;
        row.center = true;
        row.marginLeft = row.marginTop = row.marginRight = row.marginBottom = 0;
        row.spacing = 12;
        controls.setLayout(row);
        return controls;
    }

    /**
     * A read-only combo with its label before it, kept together when the row wraps.
     *
     * @param row the row
     * @param label the label, e.g. "Layer:"
     * @param tooltip what it chooses
     * @return the combo
     */
    public static Combo labelledCombo(Composite row, String label, String tooltip) {
        Composite pair = new Composite(row, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).applyTo(pair);
        Label caption = new Label(pair, SWT.NONE);
        caption.setText(label);
        Combo combo = new Combo(pair, SWT.READ_ONLY);
        combo.setToolTipText(tooltip);
        caption.setToolTipText(tooltip);
        return combo;
    }
}
