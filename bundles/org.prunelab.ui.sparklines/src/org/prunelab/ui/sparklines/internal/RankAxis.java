package org.prunelab.ui.sparklines.internal;

import java.util.List;

import org.eclipse.swt.graphics.GC;
import org.prunelab.core.filters.FilterOrder;

/**
 * The x axis the filter activation view's scatter and barcodes share: the layer's filters in the current
 * metric's order, most important first, at the same pixels in both canvases (which the view makes equally
 * wide), so that a filter's bars sit under its dots. The plot starts right of the barcodes' widest row label
 * (the label column names the axis "rank") and ends left of the scatter's scale of the metric.
 */
final class RankAxis {

    /** Room right of the plot for the scatter's scale of the metric, numbers such as -3.26e-03. */
    static final int RIGHT = 68;
    /** Room left of the plot at least: the scatter's activation ticks and the title beside them. */
    private static final int MIN_LEFT = 68;
    /** The least room between two labelled ticks, in pixels. */
    private static final int TICK_SPACE = 28;
    /** The axis's name, left of its ticks. */
    private static final String TITLE = "rank";

    private FilterOrder order;
    /** Each filter's rank in {@link #order}. */
    private int[] rankOf = new int[0];
    private List<String> rowLabels = List.of();

    /**
     * Sets the order and the barcodes' row labels, which the left margin makes room for.
     *
     * @param newOrder the filters ranked by the current metric
     * @param newRowLabels the barcodes' row labels
     */
    void show(FilterOrder newOrder, List<String> newRowLabels) {
        order = newOrder;
        rowLabels = List.copyOf(newRowLabels);
        rankOf = new int[newOrder.size()];
        for (int r = 0; r < newOrder.size(); r++) {
            rankOf[newOrder.ranked()[r]] = r;
        }
    }

    /** Forgets the order: nothing is drawn along the axis. */
    void clear() {
        order = null;
        rankOf = new int[0];
    }

    /**
     * The order shown.
     *
     * @return it, or null while nothing is shown
     */
    FilterOrder order() {
        return order;
    }

    /**
     * A filter's rank.
     *
     * @param filter a filter index
     * @return its place along x, 0 for the most important
     */
    int rankOf(int filter) {
        return rankOf[filter];
    }

    /**
     * Where the plot starts: right of the widest row label, at least {@link #MIN_LEFT} and at most 30 % of the
     * width (a longer label is cut).
     *
     * @param gc measures the labels, in the canvas's font
     * @param width the canvas's width
     * @return pixels from the canvas's left
     */
    int left(GC gc, int width) {
        int widest = 0;
        for (String label : rowLabels) {
            widest = Math.max(widest, gc.textExtent(label).x);
        }
        return Math.max(MIN_LEFT, Math.min(widest + 14, width * 3 / 10));
    }

    /**
     * The plot's width.
     *
     * @param left where it starts
     * @param width the canvas's width
     * @return pixels, at least 10
     */
    static int plotWidth(int left, int width) {
        return Math.max(10, width - left - RIGHT);
    }

    /**
     * Where a rank's slot starts.
     *
     * @param left where the plot starts
     * @param plotWidth its width
     * @param rank a rank, or the number of filters for the plot's right end
     * @return the pixel
     */
    int slot(int left, int plotWidth, int rank) {
        return left + (int) Math.floor((double) rank * plotWidth / order.size());
    }

    /**
     * The middle of a rank's slot.
     *
     * @param left where the plot starts
     * @param plotWidth its width
     * @param rank a rank
     * @return the pixel
     */
    int centre(int left, int plotWidth, int rank) {
        return left + (int) Math.round((rank + 0.5) * plotWidth / order.size());
    }

    /**
     * The rank under a pixel.
     *
     * @param left where the plot starts
     * @param plotWidth its width
     * @param x the pixel
     * @return the rank, clamped to the filters
     */
    int rankAt(int left, int plotWidth, int x) {
        int rank = (int) Math.floor((double) (x - left) * order.size() / plotWidth);
        return Math.max(0, Math.min(order.size() - 1, rank));
    }

    /**
     * Draws the axis under a plot: a line, the ranks counted from 1 at labelled ticks, "rank" left of them, and
     * a caption under them if one is given.
     *
     * @param gc where to draw
     * @param left where the plot starts
     * @param plotWidth its width
     * @param y the axis's line
     * @param caption what the order is and how to use it, or null for none
     * @return the height used below {@code y}
     */
    int draw(GC gc, int left, int plotWidth, int y, String caption) {
        int n = order.size();
        gc.setForeground(Palette.AXIS);
        gc.drawLine(left, y, left + plotWidth, y);
        int every = tickStep(n, plotWidth);
        int lineHeight = gc.getFontMetrics().getHeight();
        // ranks as people count them, 1, 8, 16, 24, 32: rank 1 and the multiples of the step, 1 left out where
        // it would touch the first multiple
        boolean first = every == 1 || (double) (every - 1) * plotWidth / n >= TICK_SPACE;
        for (int rank = first ? 1 : every; rank <= n; rank = rank == 1 && every > 1 ? every : rank + every) {
            int x = centre(left, plotWidth, rank - 1);
            gc.drawLine(x, y, x, y + 3);
            String label = Integer.toString(rank);
            gc.drawText(label, x - gc.textExtent(label).x / 2, y + 4, true);
        }
        gc.drawText(TITLE, left - 6 - gc.textExtent(TITLE).x, y + 4, true);
        if (caption == null) {
            return 4 + lineHeight;
        }
        gc.setForeground(Palette.TEXT);
        // from the canvas's left edge, where the label column leaves room for it
        gc.drawText(caption, 4, y + 4 + lineHeight, true);
        return 4 + 2 * lineHeight;
    }

    private static int tickStep(int filters, int width) {
        for (int step = 1; step < 1024; step *= 2) {
            if ((double) width * step / filters >= TICK_SPACE) {
                return step;
            }
        }
        return 1024;
    }
}
