package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * NetPrune's selection barcodes: one row per metric in which filters were brushed, a bar at each selected
 * filter, and below them the UNION row of the filters kept, headed by "% kept (n)". The filters run along
 * the scatter's axis, in the current metric's order, so that a filter's bars sit under its dots whichever
 * metric selected it.
 */
final class SelectionBarcodes {

    /** The row labels' heading: what a row is. */
    static final String ROWS_HEADING = "selected by";
    /** The UNION row's label. */
    static final String UNION_LABEL = "UNION (kept)";

    private static final int TOP = 4;
    private static final int ROW_HEIGHT = 16;
    private static final int ROW_GAP = 4;
    private static final int KEPT_LABEL_HEIGHT = 22;

    /** A row: a metric's name and its selected filters. */
    record Row(String label, BitSet selected) {
    }

    private final Canvas canvas;
    private final RankAxis axis;
    private List<Row> rows = List.of();
    private BitSet union = new BitSet();
    private int filters;

    SelectionBarcodes(Composite parent, RankAxis axis) {
        this.axis = axis;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
    }

    Canvas control() {
        return canvas;
    }

    /**
     * Sets the rows; the filters are placed along the shared axis, whose order is set before.
     *
     * @param newRows one per metric with a selection (and the current metric)
     * @param newUnion the kept filters
     * @param newFilters the layer's width, 0 to draw nothing
     */
    void show(List<Row> newRows, BitSet newUnion, int newFilters) {
        rows = new ArrayList<>(newRows);
        union = newUnion;
        filters = newFilters;
        canvas.redraw();
    }

    /**
     * The labels the rows are drawn with, for the axis's left margin.
     *
     * @param rows the metric rows
     * @return their labels, the heading's and the UNION row's
     */
    static List<String> labels(List<Row> rows) {
        List<String> labels = new ArrayList<>(List.of(ROWS_HEADING, UNION_LABEL));
        rows.forEach(row -> labels.add(row.label()));
        return labels;
    }

    /**
     * The UNION row's heading.
     *
     * @param kept the kept filters
     * @param filters the layer's width
     * @return e.g. "68.75 % kept (44 of 64)"
     */
    static String keptLabel(BitSet kept, int filters) {
        if (kept.isEmpty()) {
            return "nothing selected yet: drag across the scatter";
        }
        return String.format(Locale.ROOT, "%.2f %% kept (%d of %d)", 100.0 * kept.cardinality() / filters,
                kept.cardinality(), filters);
    }

    /**
     * The height the rows need: the heading, the metric rows, the kept share, the UNION row and the axis.
     *
     * @param rowCount the number of metric rows
     * @return pixels
     */
    int preferredHeight(int rowCount) {
        GC gc = new GC(canvas);
        int lineHeight = gc.getFontMetrics().getHeight();
        gc.dispose();
        return TOP + lineHeight + Math.max(1, rowCount) * (ROW_HEIGHT + ROW_GAP) + KEPT_LABEL_HEIGHT + ROW_HEIGHT + 2
                + 4 + lineHeight + 6;
    }

    /**
     * Where a filter's bar is drawn in a row.
     *
     * @param row a metric row's index, or the number of metric rows for the UNION row
     * @param rank the filter's rank along the axis
     * @return the bar's bounds in the canvas, or null while nothing is shown
     */
    Rectangle bar(int row, int rank) {
        if (filters == 0 || axis.order() == null) {
            return null;
        }
        GC gc = new GC(canvas);
        try {
            int width = canvas.getSize().x;
            int left = axis.left(gc, width);
            return bar(left, RankAxis.plotWidth(left, width), rowTop(row, gc.getFontMetrics().getHeight()), rank);
        } finally {
            gc.dispose();
        }
    }

    private Rectangle bar(int left, int plotWidth, int y, int rank) {
        int x0 = axis.slot(left, plotWidth, rank);
        int x1 = axis.slot(left, plotWidth, rank + 1);
        return new Rectangle(x0, y, Math.max(1, x1 - x0), ROW_HEIGHT);
    }

    /** The top of a row: the metric rows under the heading, the UNION row under the kept share. */
    private int rowTop(int row, int lineHeight) {
        int y = TOP + lineHeight + row * (ROW_HEIGHT + ROW_GAP);
        return row < rows.size() ? y : y + KEPT_LABEL_HEIGHT;
    }

    private void paint(GC gc) {
        if (filters == 0 || axis.order() == null) {
            return;
        }
        gc.setTextAntialias(SWT.ON);
        Point size = canvas.getSize();
        int left = axis.left(gc, size.x);
        int width = RankAxis.plotWidth(left, size.x);
        int lineHeight = gc.getFontMetrics().getHeight();
        gc.setForeground(Palette.AXIS);
        gc.drawText(ROWS_HEADING, left - 6 - gc.textExtent(ROWS_HEADING).x, TOP, true);
        for (int i = 0; i < rows.size(); i++) {
            drawRow(gc, rows.get(i).label(), rows.get(i).selected(), Palette.ROWS[i % Palette.ROWS.length], left,
                    width, rowTop(i, lineHeight));
        }
        int y = rowTop(rows.size(), lineHeight);
        gc.setForeground(Palette.TEXT);
        gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        String kept = keptLabel(union, filters);
        gc.drawText(kept, left + (width - gc.textExtent(kept).x) / 2, y - KEPT_LABEL_HEIGHT + 2, true);
        gc.setFont(null);
        drawRow(gc, UNION_LABEL, union, Palette.UNION, left, width, y);
        axis.draw(gc, left, width, y + ROW_HEIGHT + 2, null);
    }

    private void drawRow(GC gc, String label, BitSet selected, Color color, int left, int width, int y) {
        gc.setForeground(Palette.TEXT);
        String shown = label;
        // a label longer than its column is cut, its ellipsis included
        while (gc.textExtent(shown).x > left - 10 && shown.length() > 4) {
            shown = label.substring(0, shown.length() - (shown.equals(label) ? 1 : 2)) + "…";
        }
        gc.drawText(shown, left - 6 - gc.textExtent(shown).x, y + (ROW_HEIGHT - gc.getFontMetrics().getHeight()) / 2,
                true);
        gc.setBackground(Palette.GRID);
        gc.fillRectangle(left, y + ROW_HEIGHT / 2, width, 1);
        gc.setBackground(color);
        for (int f = selected.nextSetBit(0); f >= 0 && f < filters; f = selected.nextSetBit(f + 1)) {
            Rectangle bar = bar(left, width, y, axis.rankOf(f));
            gc.fillRectangle(bar);
        }
    }
}
