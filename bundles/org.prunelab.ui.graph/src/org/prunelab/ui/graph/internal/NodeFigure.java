package org.prunelab.ui.graph.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.RGB;
import org.prunelab.ui.graph.LayerGraph;

/**
 * The box of one layer: filled by the share of its channels pruned, with its name and operation, output
 * shape, kept filters and parameters. Colours without a device need no disposal.
 */
final class NodeFigure extends Figure {

    private static final Color BORDER = new Color(new RGB(120, 120, 120));
    private static final Color PRUNABLE_BORDER = new Color(new RGB(70, 70, 70));
    private static final Color SELECTED_BORDER = new Color(new RGB(0, 90, 200));

    private final LayerRow row;
    private final List<String> lines;
    private final RGB fill;
    private final Color fillColor;
    private final Color textColor;
    private final Font regular;
    private final Font bold;
    private final int lineHeight;
    private boolean selected;

    /**
     * Makes the box of a layer.
     *
     * @param row the layer's facts
     * @param node where the layout put it
     * @param regular the font of the lines under the title
     * @param bold the title's font
     * @param lineHeight the height of a line of text
     */
    NodeFigure(LayerRow row, LayerGraph.Node node, Font regular, Font bold, int lineHeight) {
        this.row = row;
        this.lines = row.lines();
        this.fill = PrunedScale.rgb(row.prunedShare());
        this.fillColor = new Color(fill);
        this.textColor = new Color(PrunedScale.text(fill));
        this.regular = regular;
        this.bold = bold;
        this.lineHeight = lineHeight;
        setBounds(new Rectangle((int) Math.round(node.x()), (int) Math.round(node.y()), (int) Math.round(node.width()),
                (int) Math.round(node.height())));
        setOpaque(false);
        setToolTip(new Label(tooltip(row)));
    }

    private static String tooltip(LayerRow row) {
        StringBuilder text = new StringBuilder(String.join("\n", row.lines()));
        if (row.original() > 0) {
            text.append(String.format(Locale.ROOT, "\n%.1f %% of the root's %s removed", 100 * row.prunedShare(),
                    row.shape().size() == 1 ? "features" : "channels"));
        }
        text.append("\nreads ").append(String.join(", ", row.layer().inputs()));
        if (row.prunable()) {
            text.append("\nClick to show its filters in the filter views.");
        }
        return text.toString();
    }

    @Override
    protected void paintFigure(Graphics graphics) {
        Rectangle r = getBounds();
        graphics.setAntialias(SWT.ON);
        graphics.setBackgroundColor(fillColor);
        graphics.fillRoundRectangle(new Rectangle(r.x, r.y, r.width - 1, r.height - 1), 10, 10);
        int border = selected ? 3 : row.prunable() ? 2 : 1;
        graphics.setLineWidth(border);
        graphics.setForegroundColor(selected ? SELECTED_BORDER : row.prunable() ? PRUNABLE_BORDER : BORDER);
        graphics.drawRoundRectangle(new Rectangle(r.x + border / 2, r.y + border / 2, r.width - 1 - border + border % 2,
                r.height - 1 - border + border % 2), 10, 10);
        graphics.setLineWidth(1);
        graphics.setForegroundColor(textColor);
        int y = r.y + TextMetrics.PADDING_Y;
        for (int i = 0; i < lines.size(); i++) {
            graphics.setFont(i == 0 ? bold : regular);
            graphics.drawText(lines.get(i), r.x + TextMetrics.PADDING_X, y);
            y += lineHeight;
        }
    }

    /**
     * The layer's facts.
     *
     * @return its row
     */
    LayerRow row() {
        return row;
    }

    /**
     * The lines drawn.
     *
     * @return the title first
     */
    List<String> lines() {
        return lines;
    }

    /**
     * The fill.
     *
     * @return the colour of the share pruned
     */
    RGB fill() {
        return fill;
    }

    /**
     * Whether the box is highlighted as the selected layer.
     *
     * @return true if selected
     */
    boolean selected() {
        return selected;
    }

    /**
     * Highlights the box or not.
     *
     * @param value whether it is the selected layer
     */
    void setSelected(boolean value) {
        if (selected != value) {
            selected = value;
            repaint();
        }
    }
}
