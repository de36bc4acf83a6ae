package org.prunelab.ui.robustness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.prunelab.ui.TextFit;

/**
 * Axes drawn into a rectangle: a title above, ticks at round values with their labels and light grid
 * lines, axis titles; and the mapping between values and pixels of the area inside them.
 */
final class Plot {

    /** The area inside the axes. */
    final Rectangle area;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    private Plot(Rectangle area, double x0, double x1, double y0, double y1) {
        this.area = area;
        this.x0 = x0;
        this.x1 = x1 == x0 ? x0 + 1 : x1;
        this.y0 = y0;
        this.y1 = y1 == y0 ? y0 + 1 : y1;
    }

    /**
     * Draws the axes of a plot.
     *
     * @param gc where
     * @param bounds the plot's whole rectangle, labels included
     * @param x the horizontal range, low and high
     * @param y the vertical range, low and high
     * @param xTitle the horizontal axis's title
     * @param yTitle the vertical axis's title
     * @param title the title above, or null
     * @param wholeX whether the horizontal values are whole numbers (such as severities), ticked no finer than 1
     * @return the plot, to map values into
     */
    static Plot draw(GC gc, Rectangle bounds, double[] x, double[] y, String xTitle, String yTitle, String title,
            boolean wholeX) {
        int line = gc.getFontMetrics().getHeight();
        List<Double> yTicks = ticks(y[0], y[1], Math.max(2, (bounds.height - 3 * line) / (2 * line)));
        int labelWidth = 0;
        for (double t : yTicks) {
            labelWidth = Math.max(labelWidth, gc.textExtent(label(t, yTicks)).x);
        }
        int left = bounds.x + line + labelWidth + 8;
        int top = bounds.y + (title == null ? line / 2 : line + 4);
        int bottom = bounds.y + bounds.height - 2 * line - 6;
        Rectangle area = new Rectangle(left, top, Math.max(10, bounds.x + bounds.width - left - 8),
                Math.max(10, bottom - top));
        Plot plot = new Plot(area, x[0], x[1], y[0], y[1]);
        gc.setForeground(Colours.TEXT);
        if (title != null) {
            gc.drawText(TextFit.fit(gc, title, bounds.width), bounds.x + 2, bounds.y, true);
        }
        int most = Math.max(2, area.width / 70);
        List<Double> xTicks = ticks(x[0], x[1], wholeX ? Math.min(most, (int) Math.max(1, x[1] - x[0])) : most);
        for (double t : yTicks) {
            int py = plot.y(t);
            gc.setForeground(Colours.GRID);
            gc.drawLine(area.x, py, area.x + area.width, py);
            gc.setForeground(Colours.AXIS);
            String text = label(t, yTicks);
            Point size = gc.textExtent(text);
            gc.drawText(text, area.x - 4 - size.x, py - size.y / 2, true);
        }
        for (double t : xTicks) {
            int px = plot.x(t);
            gc.setForeground(Colours.GRID);
            gc.drawLine(px, area.y, px, area.y + area.height);
            gc.setForeground(Colours.AXIS);
            String text = label(t, xTicks);
            gc.drawText(text, px - gc.textExtent(text).x / 2, area.y + area.height + 3, true);
        }
        gc.setForeground(Colours.AXIS);
        gc.drawRectangle(area);
        String xt = TextFit.fit(gc, xTitle, area.width);
        gc.drawText(xt, area.x + (area.width - gc.textExtent(xt).x) / 2, area.y + area.height + line + 4, true);
        // the vertical title reads bottom to top, as in every plot
        String yt = TextFit.fit(gc, yTitle, area.height);
        Transform transform = new Transform(gc.getDevice());
        try {
            transform.translate(bounds.x, area.y + (area.height + gc.textExtent(yt).x) / 2f);
            transform.rotate(-90);
            gc.setTransform(transform);
            gc.drawText(yt, 0, 0, true);
        } finally {
            gc.setTransform(null);
            transform.dispose();
        }
        return plot;
    }

    /**
     * The pixel column of a value.
     *
     * @param v the value
     * @return the column
     */
    int x(double v) {
        return area.x + (int) Math.round((v - x0) / (x1 - x0) * area.width);
    }

    /**
     * The pixel row of a value (high values up).
     *
     * @param v the value
     * @return the row
     */
    int y(double v) {
        return area.y + area.height - (int) Math.round((v - y0) / (y1 - y0) * area.height);
    }

    /**
     * Round values between two bounds: steps of 1, 2 or 5 times a power of ten.
     *
     * @param lo the low bound
     * @param hi the high bound
     * @param most at most this many ticks
     * @return the ticks, ascending
     */
    static List<Double> ticks(double lo, double hi, int most) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo) || Double.isInfinite(hi - lo)) {
            out.add(lo);
            return out;
        }
        double raw = (hi - lo) / Math.max(1, most);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * (raw <= power ? 1 : raw <= 2 * power ? 2 : raw <= 5 * power ? 5 : 10);
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    private static String label(double value, List<Double> ticks) {
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * A range around data with round ends and a little room on both sides.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return low and high
     */
    static double[] around(double min, double max) {
        if (!(max >= min)) {
            return new double[] {0, 1};
        }
        double pad = max > min ? (max - min) * 0.05 : Math.max(1e-3, Math.abs(max) * 0.05);
        List<Double> ticks = ticks(min - pad, max + pad, 8);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : 2 * pad;
        return new double[] {Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step};
    }
}
