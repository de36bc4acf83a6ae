package org.prunelab.ui.sparklines.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.prunelab.core.filters.SparklineMatrix;
import org.prunelab.ui.TextFit;

/**
 * Paints a sparkline matrix: class names along the top (compared class B) and the left (baseline class
 * A), and one cell per class pair. Plain painting into any GC, so the view, PNG export and the benchmark
 * draw the same thing.
 */
final class SparklinePainter {

    static final int ROW_HEADER = 86;
    static final int COLUMN_HEADER = 40;
    private static final int PAD = 3;

    private SparklinePainter() {
    }

    /**
     * Paints the matrix.
     *
     * @param gc where to paint
     * @param matrix the matrix
     * @param classNames the class names, by label
     * @param area the area to fill
     * @param highlightA the highlighted row (the current baseline), or -1
     * @param highlightB the highlighted column (the current compared class), or -1
     * @return the cell rectangles, [row][column]
     */
    static Rectangle[][] paint(GC gc, SparklineMatrix matrix, List<String> classNames, Rectangle area, int highlightA,
            int highlightB) {
        int c = matrix.classes();
        Rectangle[][] cells = cells(c, area);
        gc.setAntialias(SWT.OFF);
        gc.setTextAntialias(SWT.ON);
        gc.setForeground(Palette.TEXT);
        int textHeight = gc.getFontMetrics().getHeight();
        for (int i = 0; i < c; i++) {
            Rectangle column = cells[0][i];
            String name = TextFit.fit(gc, classNames.get(i), column.width - 2);
            gc.drawText(name, column.x + (column.width - gc.textExtent(name).x) / 2,
                    area.y + COLUMN_HEADER - textHeight - 4, true);
            Rectangle row = cells[i][0];
            String rowName = TextFit.fit(gc, classNames.get(i), ROW_HEADER - 8);
            gc.drawText(rowName, area.x + ROW_HEADER - 6 - gc.textExtent(rowName).x,
                    row.y + (row.height - textHeight) / 2, true);
        }
        gc.setForeground(Palette.AXIS);
        gc.drawText("baseline ↓  class →", area.x + 2, area.y + 2, true);
        double scale = matrix.maxNonDiagonal() > 0 ? matrix.maxNonDiagonal() : 1;
        double top = matrix.maxActivation() > 0 ? matrix.maxActivation() : 1;
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                Rectangle cell = cells[a][b];
                gc.setBackground(new Color(Palette.blend(Palette.SEPARATION, matrix.alpha(a, b))));
                gc.fillRectangle(cell);
                if (a != b) {
                    // the dotted zero line as single pixels: cairo's dashed strokes cost 0.2 ms a cell
                    Rectangle inner = inner(cell);
                    gc.setBackground(Palette.AXIS);
                    int zero = inner.y + inner.height / 2;
                    for (int x = inner.x; x <= inner.x + inner.width; x += 3) {
                        gc.fillRectangle(x, zero, 1, 1);
                    }
                }
            }
        }
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                Rectangle cell = cells[a][b];
                gc.setForeground(Palette.CELL_BORDER);
                gc.drawRectangle(cell.x, cell.y, cell.width - 1, cell.height - 1);
                double[] values = matrix.values(a, b);
                if (a == b) {
                    // a_f(A) from the bottom of the cell, on the scale every diagonal cell shares
                    gc.setForeground(Palette.COMPARED);
                    gc.drawPolyline(line(values, inner(cell), 0, top));
                } else {
                    gc.setForeground(Palette.BASELINE);
                    gc.drawPolyline(line(values, inner(cell), -scale, scale));
                }
            }
        }
        if (highlightA >= 0 && highlightB >= 0 && highlightA < c && highlightB < c) {
            Rectangle cell = cells[highlightA][highlightB];
            gc.setForeground(Palette.HIGHLIGHT);
            gc.setLineWidth(2);
            gc.drawRectangle(cell.x + 1, cell.y + 1, cell.width - 2, cell.height - 2);
            gc.setLineWidth(1);
        }
        return cells;
    }

    private static Rectangle inner(Rectangle cell) {
        return new Rectangle(cell.x + PAD, cell.y + PAD, cell.width - 2 * PAD, cell.height - 2 * PAD);
    }

    /**
     * Where the cells go in an area.
     *
     * @param classes the matrix's side
     * @param area the area
     * @return the cell rectangles, [row][column]
     */
    static Rectangle[][] cells(int classes, Rectangle area) {
        Rectangle[][] cells = new Rectangle[classes][classes];
        double width = Math.max(8.0, (area.width - ROW_HEADER - 2.0) / classes);
        double height = Math.max(8.0, (area.height - COLUMN_HEADER - 2.0) / classes);
        for (int a = 0; a < classes; a++) {
            for (int b = 0; b < classes; b++) {
                int x0 = area.x + ROW_HEADER + (int) Math.round(b * width);
                int y0 = area.y + COLUMN_HEADER + (int) Math.round(a * height);
                int x1 = area.x + ROW_HEADER + (int) Math.round((b + 1) * width);
                int y1 = area.y + COLUMN_HEADER + (int) Math.round((a + 1) * height);
                cells[a][b] = new Rectangle(x0, y0, x1 - x0 - 1, y1 - y0 - 1);
            }
        }
        return cells;
    }

    /**
     * A sparkline's points. With more values than pixels, each pixel column draws the minimum and the
     * maximum of its values, so spikes stay visible and painting costs the width, not the filter count.
     */
    static int[] line(double[] values, Rectangle box, double low, double high) {
        int n = values.length;
        if (n == 0) {
            return new int[0];
        }
        double span = high - low;
        if (n <= box.width) {
            int[] points = new int[2 * n];
            for (int i = 0; i < n; i++) {
                points[2 * i] = box.x + (n == 1 ? box.width / 2 : (int) Math.round((double) i * (box.width - 1) / (n - 1)));
                points[2 * i + 1] = y(values[i], box, low, span);
            }
            return points;
        }
        int columns = Math.max(1, box.width);
        int[] points = new int[4 * columns];
        for (int x = 0; x < columns; x++) {
            int from = (int) ((long) x * n / columns);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * n / columns));
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            points[4 * x] = box.x + x;
            points[4 * x + 1] = y(min, box, low, span);
            points[4 * x + 2] = box.x + x;
            points[4 * x + 3] = y(max, box, low, span);
        }
        return points;
    }

    private static int y(double value, Rectangle box, double low, double span) {
        double t = Math.max(0, Math.min(1, (value - low) / span));
        return box.y + box.height - 1 - (int) Math.round(t * (box.height - 1));
    }
}
