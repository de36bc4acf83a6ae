package org.prunelab.ui.sparklines.internal;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.TextFit;

/**
 * The scatter of the filter activation view: the layer's filters along x in the order of the current
 * metric (the axis the barcodes below share), each with its activation for the baseline class and for the
 * compared class on the left scale, the metric's curve over them on the right scale, and the filters
 * brushed in this order shaded. Dragging across the plot brushes a range of ranks.
 */
final class ActivationScatter {

    /** The left scale's title: NetPrune's a_f(c), min-max normalised over the layer. */
    static final String ACTIVATION_TITLE = "mean activation (share of the layer's range)";

    /** What the order along x is, and how to select. */
    private static final String CAPTION = "ranked by the metric, most important first →   drag to select";

    private final Canvas canvas;
    private final RankAxis axis;
    private ClassActivations activations;
    private FilterOrder order;
    private BitSet brushed = new BitSet();
    private int baseline;
    private int compared;
    private String metricName = "";
    private String message = "";
    /** The plot as last drawn, where the pointer brushes; null before. */
    private Rectangle plot;
    private int dragFrom = -1;
    private int dragTo = -1;
    private BiConsumer<Integer, Integer> onBrush = (from, to) -> {
    };

    ActivationScatter(Composite parent, RankAxis axis) {
        this.axis = axis;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            if (e.button == 1 && order != null && plot != null && plot.contains(e.x, e.y)) {
                dragFrom = e.x;
                dragTo = e.x;
            }
        });
        canvas.addListener(SWT.MouseMove, e -> {
            if (dragFrom >= 0) {
                dragTo = Math.max(plot.x, Math.min(plot.x + plot.width, e.x));
                canvas.redraw();
            }
        });
        HoverTips.show(canvas, this::tooltip);
        canvas.addListener(SWT.MouseUp, e -> {
            if (dragFrom >= 0) {
                int start = dragFrom;
                dragFrom = -1;
                if (Math.abs(e.x - start) < 3) {
                    // a click without a drag clears this metric's selection
                    onBrush.accept(0, 0);
                } else {
                    onBrush.accept(rankAt(Math.min(start, dragTo)), rankAt(Math.max(start, dragTo)) + 1);
                }
                canvas.redraw();
            }
        });
    }

    Canvas control() {
        return canvas;
    }

    /**
     * Sets what to draw; the shared axis has the order already.
     *
     * @param newActivations the layer's class activations
     * @param newBrushed the filters brushed in this metric's order
     * @param newBaseline the baseline class
     * @param newCompared the compared class
     * @param newMetricName the metric's name, for the legend
     */
    void show(ClassActivations newActivations, BitSet newBrushed, int newBaseline, int newCompared,
            String newMetricName) {
        activations = newActivations;
        order = axis.order();
        brushed = newBrushed;
        baseline = newBaseline;
        compared = newCompared;
        metricName = newMetricName;
        message = "";
        canvas.redraw();
    }

    /**
     * Shows a message instead of the plot.
     *
     * @param text the message
     */
    void message(String text) {
        activations = null;
        order = null;
        message = text;
        canvas.redraw();
    }

    /**
     * Calls back when a range of ranks was brushed.
     *
     * @param listener receives the first rank (inclusive) and the last (exclusive); equal for a click
     */
    void onBrush(BiConsumer<Integer, Integer> listener) {
        onBrush = listener;
    }

    /**
     * Where a rank's dots are drawn along x.
     *
     * @param rank a rank
     * @return the pixel, or -1 before the plot was drawn
     */
    int xOf(int rank) {
        return plot == null || order == null ? -1 : axis.centre(plot.x, plot.width, rank);
    }

    private int rankAt(int x) {
        return axis.rankAt(plot.x, plot.width, x);
    }

    private void paint(GC gc) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        if (activations == null) {
            gc.setForeground(Palette.AXIS);
            TextFit.drawWrapped(gc, message, 10, 10, canvas.getSize().x - 20);
            return;
        }
        Point size = canvas.getSize();
        int lineHeight = gc.getFontMetrics().getHeight();
        int left = axis.left(gc, size.x);
        // the legend and the scales' titles above the plot, the shared axis below it
        int above = 3 + 2 * lineHeight + 4;
        int below = 4 + 2 * lineHeight + 4;
        plot = new Rectangle(left, above, RankAxis.plotWidth(left, size.x), Math.max(10, size.y - above - below));
        int n = order.size();
        // brushed filters of this metric
        gc.setBackground(Palette.BRUSH);
        int[] ranked = order.ranked();
        for (int r = 0; r < n; r++) {
            if (brushed.get(ranked[r])) {
                int x0 = axis.slot(plot.x, plot.width, r);
                int x1 = axis.slot(plot.x, plot.width, r + 1);
                gc.fillRectangle(x0, plot.y, Math.max(1, x1 - x0), plot.height);
            }
        }
        if (dragFrom >= 0) {
            gc.setAlpha(90);
            gc.setBackground(Palette.METRIC);
            gc.fillRectangle(Math.min(dragFrom, dragTo), plot.y, Math.abs(dragTo - dragFrom), plot.height);
            gc.setAlpha(255);
        }
        // normalised activations are often far below 1: the axis ends at the largest value shown
        // a value that is not finite (a diverged network) is left out rather than drawn at the plot's edge
        double top = 0;
        for (int f = 0; f < n; f++) {
            top = Math.max(top, Math.max(finite(activations.of(baseline, f)), finite(activations.of(compared, f))));
        }
        top = top > 0 ? top : 1;
        gc.setForeground(Palette.GRID);
        for (int i = 0; i <= 4; i++) {
            int y = plot.y + plot.height - plot.height * i / 4;
            gc.drawLine(plot.x, y, plot.x + plot.width, y);
        }
        gc.setForeground(Palette.AXIS);
        gc.drawRectangle(plot);
        for (int i = 0; i <= 4; i++) {
            int y = plot.y + plot.height - plot.height * i / 4;
            String label = number(top * i / 4.0);
            gc.drawText(label, plot.x - gc.textExtent(label).x - 5, y - gc.getFontMetrics().getHeight() / 2, true);
        }
        int dot = n > 200 ? 2 : n > 64 ? 3 : 4;
        for (int r = 0; r < n; r++) {
            int x = xOf(r);
            drawDot(gc, Palette.BASELINE, x, plot, activations.of(baseline, ranked[r]) / top, dot);
            drawDot(gc, Palette.COMPARED, x, plot, activations.of(compared, ranked[r]) / top, dot);
        }
        // the metric's curve, on its own scale (right axis)
        double[] scores = order.scores();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (Double.isFinite(s)) {
                low = Math.min(low, s);
                high = Math.max(high, s);
            }
        }
        if (low > high) {
            // no finite score at all
            low = 0;
            high = 1;
        }
        double span = high > low ? high - low : 1;
        int[] curve = new int[2 * n];
        int points = 0;
        for (int r = 0; r < n; r++) {
            double score = scores[ranked[r]];
            if (Double.isFinite(score)) {
                curve[2 * points] = xOf(r);
                curve[2 * points + 1] = plot.y + plot.height - (int) Math.round((score - low) / span * plot.height);
                points++;
            }
        }
        curve = Arrays.copyOf(curve, 2 * points);
        gc.setForeground(Palette.METRIC);
        gc.setLineWidth(2);
        gc.drawPolyline(curve);
        gc.setLineWidth(1);
        gc.drawText(number(high), plot.x + plot.width + 5, plot.y - 6, true);
        gc.drawText(number(low), plot.x + plot.width + 5, plot.y + plot.height - 10, true);
        // the legend, the scales' titles over their scales (the metric's in its colour, as its labels), the axis
        gc.setForeground(Palette.TEXT);
        int x = 4;
        x = legend(gc, x, Palette.BASELINE, "baseline " + activations.classNames().get(baseline));
        x = legend(gc, x, Palette.COMPARED, "class " + activations.classNames().get(compared));
        legend(gc, x, Palette.METRIC, metricName);
        gc.setForeground(Palette.AXIS);
        gc.drawText("↑ " + ACTIVATION_TITLE, 4, 3 + lineHeight, true);
        gc.setForeground(Palette.METRIC);
        String score = "score ↑";
        gc.drawText(score, size.x - 4 - gc.textExtent(score).x, 3 + lineHeight, true);
        // the legend names the metric: the caption, short enough for a narrow view, need not
        axis.draw(gc, plot.x, plot.width, plot.y + plot.height, CAPTION);
    }

    private int legend(GC gc, int x, org.eclipse.swt.graphics.Color color, String text) {
        gc.setBackground(color);
        gc.fillOval(x, 7, 8, 8);
        gc.setForeground(Palette.TEXT);
        gc.drawText(text, x + 12, 3, true);
        return x + 12 + gc.textExtent(text).x + 18;
    }

    private static int yOf(Rectangle plot, double value) {
        return plot.y + plot.height - (int) Math.round(value * plot.height);
    }

    private static void drawDot(GC gc, org.eclipse.swt.graphics.Color color, int x, Rectangle plot, double share,
            int radius) {
        if (Double.isFinite(share)) {
            int y = yOf(plot, share);
            gc.setBackground(color);
            gc.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
        }
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private String tooltip(int x, int y) {
        if (order == null || plot == null || !plot.contains(x, y)) {
            return null;
        }
        int rank = rankAt(x);
        int filter = order.ranked()[rank];
        return String.format(Locale.ROOT, "filter %d (rank %d)%n%s %.3f%n%s %.3f%n%s %s", filter, rank + 1,
                activations.classNames().get(baseline), activations.of(baseline, filter),
                activations.classNames().get(compared), activations.of(compared, filter), metricName,
                number(order.scores()[filter]));
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        return magnitude != 0 && (magnitude < 1e-2 || magnitude >= 1e4) ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
