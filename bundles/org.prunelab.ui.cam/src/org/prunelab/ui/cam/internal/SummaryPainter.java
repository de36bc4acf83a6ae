package org.prunelab.ui.cam.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.ui.TextFit;

/**
 * The summary strip of the CAM comparison: the mean H of each class as horizontal bars, and the
 * histogram of H over the images; both on the same [0, 1] scale of H.
 */
final class SummaryPainter {

    /** Bars and histogram are this colour; the overall Sp2PS is marked by a darker line. */
    static final RGB BAR = new RGB(70, 130, 180);
    static final RGB MARK = new RGB(200, 60, 40);

    /** Bins of the histogram over [0, 1]. */
    static final int BINS = 20;

    private SummaryPainter() {
    }

    /**
     * The counts of the histogram of H.
     *
     * @param samples the images shown
     * @return images per bin of width 1 / {@value #BINS}
     */
    static int[] histogram(List<CamComparison.Sample> samples) {
        int[] counts = new int[BINS];
        for (CamComparison.Sample s : samples) {
            counts[Math.max(0, Math.min(BINS - 1, (int) (s.harmonic() * BINS)))]++;
        }
        return counts;
    }

    /**
     * Paints the per-class bars in a box.
     *
     * @param gc where to paint
     * @param result the comparison
     * @param x left
     * @param y top
     * @param width the box's width
     * @param height the box's height
     */
    static void perClass(GC gc, CamComparison.Result result, int x, int y, int width, int height) {
        List<String> names = result.classNames();
        int line = gc.getFontMetrics().getHeight();
        gc.drawString("Mean H per class", x, y, true);
        int top = y + line + 2;
        int rows = names.size();
        int rowHeight = Math.max(4, Math.min(line, (height - line - 2) / Math.max(1, rows)));
        int labelWidth = 0;
        for (String name : names) {
            labelWidth = Math.max(labelWidth, gc.textExtent(name).x);
        }
        labelWidth = Math.min(labelWidth, width / 3);
        int barLeft = x + labelWidth + 6;
        int barWidth = Math.max(10, width - labelWidth - 6 - gc.textExtent(" 0.000").x);
        Color bar = new Color(gc.getDevice(), BAR);
        Color mark = new Color(gc.getDevice(), MARK);
        for (int c = 0; c < rows; c++) {
            int ry = top + c * rowHeight;
            double h = result.perClass()[c];
            if (rowHeight >= line - 2) {
                gc.drawString(TextFit.fit(gc, names.get(c), labelWidth), x, ry, true);
            }
            if (Double.isFinite(h)) {
                gc.setBackground(bar);
                gc.fillRectangle(barLeft, ry + 2, (int) Math.round(barWidth * h), Math.max(2, rowHeight - 4));
                gc.drawString(String.format(Locale.ROOT, "%.3f", h), barLeft + (int) Math.round(barWidth * h) + 3, ry,
                        true);
            }
        }
        gc.setForeground(mark);
        int mx = barLeft + (int) Math.round(barWidth * result.sp2ps());
        gc.drawLine(mx, top, mx, top + rows * rowHeight);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
    }

    /**
     * Paints the histogram of H in a box.
     *
     * @param gc where to paint
     * @param samples the images counted
     * @param sp2ps the mean H, marked
     * @param x left
     * @param y top
     * @param width the box's width
     * @param height the box's height
     */
    static void histogram(GC gc, List<CamComparison.Sample> samples, double sp2ps, int x, int y, int width,
            int height) {
        int line = gc.getFontMetrics().getHeight();
        int[] counts = histogram(samples);
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        gc.drawString("Images by H (" + samples.size() + ")", x, y, true);
        int top = y + line + 2;
        int bottom = y + height - line - 2;
        int plotHeight = Math.max(10, bottom - top);
        Color bar = new Color(gc.getDevice(), BAR);
        gc.setBackground(bar);
        double binWidth = (double) width / BINS;
        for (int b = 0; b < BINS; b++) {
            int h = (int) Math.round((double) plotHeight * counts[b] / max);
            gc.fillRectangle(x + (int) Math.round(b * binWidth), bottom - h, Math.max(1, (int) binWidth - 1), h);
        }
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawLine(x, bottom, x + width, bottom);
        for (double tick : new double[] {0, 0.5, 1}) {
            String label = tick == 0 ? "0" : tick == 1 ? "1" : "0.5";
            Point extent = gc.textExtent(label);
            int tx = x + (int) Math.round(tick * width) - (tick == 0 ? 0 : tick == 1 ? extent.x : extent.x / 2);
            gc.drawString(label, tx, bottom + 1, true);
        }
        gc.drawString(Integer.toString(max), x + 2, top, true);
        gc.setForeground(new Color(gc.getDevice(), MARK));
        int mx = x + (int) Math.round(sp2ps * width);
        gc.drawLine(mx, top, mx, bottom);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
    }
}
