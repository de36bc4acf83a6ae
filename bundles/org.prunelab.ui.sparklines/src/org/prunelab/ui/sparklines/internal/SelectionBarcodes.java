package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * NetPrune's selection barcodes: one row per metric in which filters were brushed, a bar at each selected
 * filter (x = filter index, so rows of different metrics line up), and below them the UNION row of the
 * filters kept, headed by "% kept (n)".
 */
final class SelectionBarcodes {

    private static final int MIN_LABEL_WIDTH = 90;
    private static final int ROW_HEIGHT = 16;
    private static final int ROW_GAP = 4;
    private static final int RIGHT = 14;

    /** A row: a metric's name and its selected filters. */
    record Row(String label, BitSet selected) {
    }

    private final Canvas canvas;
    private List<Row> rows = List.of();
    private BitSet union = new BitSet();
    private int filters;
    /** Where the bars start: right of the widest row label, at most 40 % of the width. */
    private int labelWidth = MIN_LABEL_WIDTH;

    SelectionBarcodes(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
    }

    Canvas control() {
        return canvas;
    }

    /**
     * Sets the rows.
     *
     * @param newRows one per metric with a selection (and the current metric)
     * @param newUnion the kept filters
     * @param newFilters the layer's width
     */
    void show(List<Row> newRows, BitSet newUnion, int newFilters) {
        rows = new ArrayList<>(newRows);
        union = newUnion;
        filters = newFilters;
        canvas.redraw();
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
     * The height the rows need.
     *
     * @param rowCount the number of metric rows
     * @return pixels
     */
    static int preferredHeight(int rowCount) {
        return 8 + Math.max(1, rowCount) * (ROW_HEIGHT + ROW_GAP) + 22 + ROW_HEIGHT + 26;
    }

    private void paint(GC gc) {
        if (filters == 0) {
            return;
        }
        gc.setTextAntialias(SWT.ON);
        Point size = canvas.getSize();
        int widest = gc.textExtent("UNION (kept)").x;
        for (Row row : rows) {
            widest = Math.max(widest, gc.textExtent(row.label()).x);
        }
        labelWidth = Math.max(MIN_LABEL_WIDTH, Math.min(widest + 14, size.x * 2 / 5));
        int width = Math.max(10, size.x - labelWidth - RIGHT);
        int y = 8;
        for (int i = 0; i < rows.size(); i++) {
            drawRow(gc, rows.get(i).label(), rows.get(i).selected(), Palette.ROWS[i % Palette.ROWS.length], y, width);
            y += ROW_HEIGHT + ROW_GAP;
        }
        gc.setForeground(Palette.TEXT);
        gc.setFont(org.eclipse.jface.resource.JFaceResources.getFontRegistry()
                .getBold(org.eclipse.jface.resource.JFaceResources.DEFAULT_FONT));
        String kept = keptLabel(union, filters);
        gc.drawText(kept, labelWidth + (width - gc.textExtent(kept).x) / 2, y + 2, true);
        gc.setFont(null);
        y += 22;
        drawRow(gc, "UNION (kept)", union, Palette.UNION, y, width);
        y += ROW_HEIGHT + 2;
        // filter index ticks
        gc.setForeground(Palette.AXIS);
        gc.drawLine(labelWidth, y, labelWidth + width, y);
        int every = tickStep(filters, width);
        for (int f = 0; f < filters; f += every) {
            int x = labelWidth + (int) Math.round((f + 0.5) * width / filters);
            gc.drawLine(x, y, x, y + 3);
            String label = Integer.toString(f);
            gc.drawText(label, x - gc.textExtent(label).x / 2, y + 4, true);
        }
    }

    private void drawRow(GC gc, String label, BitSet selected, Color color, int y, int width) {
        gc.setForeground(Palette.TEXT);
        String shown = label;
        while (gc.textExtent(shown).x > labelWidth - 8 && shown.length() > 4) {
            shown = shown.substring(0, shown.length() - 2);
        }
        if (!shown.equals(label)) {
            shown = shown + "…";
        }
        gc.drawText(shown, labelWidth - 6 - gc.textExtent(shown).x, y + (ROW_HEIGHT - gc.getFontMetrics().getHeight()) / 2,
                true);
        gc.setBackground(Palette.GRID);
        gc.fillRectangle(labelWidth, y + ROW_HEIGHT / 2, width, 1);
        gc.setBackground(color);
        for (int f = selected.nextSetBit(0); f >= 0; f = selected.nextSetBit(f + 1)) {
            int x0 = labelWidth + (int) Math.floor((double) f * width / filters);
            int x1 = labelWidth + (int) Math.ceil((double) (f + 1) * width / filters);
            gc.fillRectangle(x0, y, Math.max(1, x1 - x0), ROW_HEIGHT);
        }
    }

    private static int tickStep(int filters, int width) {
        int[] steps = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        for (int step : steps) {
            if ((double) width * step / filters >= 28) {
                return step;
            }
        }
        return 512;
    }
}
