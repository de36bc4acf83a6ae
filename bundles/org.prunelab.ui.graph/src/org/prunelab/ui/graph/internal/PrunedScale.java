package org.prunelab.ui.graph.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;

/**
 * The sequential colour scale of "how much of a layer was pruned": pale yellow for nothing removed,
 * through orange, to deep red for everything removed (ColorBrewer's YlOrRd, which stays readable for
 * colour-blind readers and in grey print).
 */
final class PrunedScale {

    /** The scale's stops, evenly spaced from 0 to 1 removed. */
    private static final RGB[] STOPS = {new RGB(255, 255, 229), new RGB(255, 237, 160), new RGB(254, 217, 118),
            new RGB(254, 178, 76), new RGB(253, 141, 60), new RGB(252, 78, 42), new RGB(227, 26, 28),
            new RGB(177, 0, 38)};

    /** Text on a fill this dark or darker is drawn white. */
    private static final double DARK = 0.45;

    private PrunedScale() {
    }

    /**
     * The fill of a layer.
     *
     * @param share the share of the root's channels removed, in [0, 1]
     * @return the colour, interpolated between the stops
     */
    static RGB rgb(double share) {
        double s = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        double position = s * (STOPS.length - 1);
        int low = Math.min(STOPS.length - 2, (int) Math.floor(position));
        double t = position - low;
        RGB a = STOPS[low];
        RGB b = STOPS[low + 1];
        return new RGB((int) Math.round(a.red + (b.red - a.red) * t),
                (int) Math.round(a.green + (b.green - a.green) * t),
                (int) Math.round(a.blue + (b.blue - a.blue) * t));
    }

    /**
     * The text colour that reads on a fill.
     *
     * @param fill the fill
     * @return black on light fills, white on dark ones
     */
    static RGB text(RGB fill) {
        double luminance = (0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue) / 255;
        return luminance < DARK ? new RGB(255, 255, 255) : new RGB(25, 25, 25);
    }

    /**
     * Paints the legend on one line: a ramp from 0 % to 100 % removed, and the look of a residual path.
     *
     * @param gc where to paint, its font set
     * @param x the left side
     * @param y the top side
     * @return the legend's width
     */
    static int paintLegend(GC gc, int x, int y) {
        Color ink = new Color(new RGB(60, 60, 60));
        int lineHeight = gc.getFontMetrics().getHeight();
        int at = x;
        gc.setForeground(ink);
        at = text(gc, "removed:  0 %", at, y) + 4;
        int rampWidth = 80;
        int rampHeight = Math.max(8, lineHeight - 6);
        int top = y + (lineHeight - rampHeight) / 2;
        for (int i = 0; i < rampWidth; i++) {
            gc.setForeground(new Color(rgb(i / (double) (rampWidth - 1))));
            gc.drawLine(at + i, top, at + i, top + rampHeight - 1);
        }
        gc.setForeground(ink);
        gc.drawRectangle(at, top, rampWidth - 1, rampHeight - 1);
        at = text(gc, "100 %", at + rampWidth + 4, y) + 16;

        gc.setForeground(new Color(EdgeFigure.SHORTCUT));
        gc.setLineWidth(2);
        gc.setLineStyle(SWT.LINE_DASH);
        gc.drawLine(at, y + lineHeight / 2, at + 26, y + lineHeight / 2);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        gc.setForeground(ink);
        return text(gc, "residual", at + 32, y) - x;
    }

    private static int text(GC gc, String text, int x, int y) {
        gc.drawText(text, x, y, true);
        return x + gc.textExtent(text).x;
    }

    /**
     * The legend's height.
     *
     * @param gc a GC with the legend's font
     * @return one line
     */
    static int legendHeight(GC gc) {
        return gc.getFontMetrics().getHeight();
    }
}
