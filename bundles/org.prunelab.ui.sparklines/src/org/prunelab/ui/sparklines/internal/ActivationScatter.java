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

/**
 * The scatter of the filter activation view: the layer's filters along x in the order of the current
 * metric, each with its activation for the baseline class and for the compared class, the metric's
 * curve over them, and the filters brushed in this order shaded. Dragging across the plot brushes a
 * range of ranks.
 */
final class ActivationScatter {

    private static final int LEFT = 52;
    private static final int RIGHT = 58;
    private static final int TOP = 22;
    private static final int BOTTOM = 30;

    private final Canvas canvas;
    private ClassActivations activations;
    private FilterOrder order;
    private BitSet brushed = new BitSet();
    private int baseline;
    private int compared;
    private String metricName = "";
    private String message = "";
    private int dragFrom = -1;
    private int dragTo = -1;
    private BiConsumer<Integer, Integer> onBrush = (from, to) -> {
    };

    ActivationScatter(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            if (e.button == 1 && order != null && plot().contains(e.x, e.y)) {
                dragFrom = e.x;
                dragTo = e.x;
            }
        });
        canvas.addListener(SWT.MouseMove, e -> {
            if (dragFrom >= 0) {
                dragTo = Math.max(plot().x, Math.min(plot().x + plot().width, e.x));
                canvas.redraw();
            }
            canvas.setToolTipText(tooltip(e.x, e.y));
        });
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
     * Sets what to draw.
     *
     * @param newActivations the layer's class activations
     * @param newOrder the filters ranked by the metric
     * @param newBrushed the filters brushed in this metric's order
     * @param newBaseline the baseline class
     * @param newCompared the compared class
     * @param newMetricName the metric's name, for the axis
     */
    void show(ClassActivations newActivations, FilterOrder newOrder, BitSet newBrushed, int newBaseline,
            int newCompared, String newMetricName) {
        activations = newActivations;
        order = newOrder;
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

    private Rectangle plot() {
        Point size = canvas.getSize();
        return new Rectangle(LEFT, TOP, Math.max(10, size.x - LEFT - RIGHT), Math.max(10, size.y - TOP - BOTTOM));
    }

    private int rankAt(int x) {
        Rectangle plot = plot();
        int rank = (int) Math.floor((double) (x - plot.x) * order.size() / plot.width);
        return Math.max(0, Math.min(order.size() - 1, rank));
    }

    private int xOf(Rectangle plot, double rank) {
        return plot.x + (int) Math.round((rank + 0.5) * plot.width / order.size());
    }

    private void paint(GC gc) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        if (activations == null) {
            gc.setForeground(Palette.AXIS);
            gc.drawText(message, 10, 10, SWT.DRAW_TRANSPARENT | SWT.DRAW_DELIMITER);
            return;
        }
        Rectangle plot = plot();
        int n = order.size();
        double step = (double) plot.width / n;
        // brushed filters of this metric
        gc.setBackground(Palette.BRUSH);
        int[] ranked = order.ranked();
        for (int r = 0; r < n; r++) {
            if (brushed.get(ranked[r])) {
                int x0 = plot.x + (int) Math.floor(r * step);
                int x1 = plot.x + (int) Math.ceil((r + 1) * step);
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
            int x = xOf(plot, r);
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
                curve[2 * points] = xOf(plot, r);
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
        // axes' captions and legend
        gc.setForeground(Palette.TEXT);
        String caption = n + " filters, most important first →   drag to select";
        gc.drawText(caption, plot.x, plot.y + plot.height + 6, true);
        int x = plot.x;
        x = legend(gc, x, Palette.BASELINE, "baseline " + activations.classNames().get(baseline));
        x = legend(gc, x, Palette.COMPARED, "class " + activations.classNames().get(compared));
        // the metric reads on the right axis, whose labels share its colour
        legend(gc, x, Palette.METRIC, metricName);
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
        if (order == null || !plot().contains(x, y)) {
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
