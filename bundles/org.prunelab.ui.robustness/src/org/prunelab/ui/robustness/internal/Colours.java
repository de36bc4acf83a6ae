package org.prunelab.ui.robustness.internal;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/**
 * The views' colours: one per class (matplotlib's "tab10", which the paper's figures use, so that a class
 * keeps its colour from figure to view), one per version (the root in black), and the scale of the heat
 * table. SWT colours without a device need no disposal.
 */
final class Colours {

    private static final Color[] CLASSES = {new Color(new RGB(31, 119, 180)), new Color(new RGB(255, 127, 14)),
            new Color(new RGB(44, 160, 44)), new Color(new RGB(214, 39, 40)), new Color(new RGB(148, 103, 189)),
            new Color(new RGB(140, 86, 75)), new Color(new RGB(227, 119, 194)), new Color(new RGB(127, 127, 127)),
            new Color(new RGB(188, 189, 34)), new Color(new RGB(23, 190, 207))};

    private static final Color[] VERSIONS = {new Color(new RGB(20, 20, 20)), new Color(new RGB(230, 120, 20)),
            new Color(new RGB(31, 119, 180)), new Color(new RGB(44, 160, 44)), new Color(new RGB(148, 103, 189)),
            new Color(new RGB(214, 39, 40)), new Color(new RGB(140, 86, 75)), new Color(new RGB(23, 190, 207))};

    static final Color TEXT = new Color(new RGB(40, 40, 40));
    static final Color AXIS = new Color(new RGB(110, 110, 110));
    static final Color GRID = new Color(new RGB(225, 225, 225));
    static final Color HIGHLIGHT = new Color(new RGB(0, 0, 0));
    static final Color BASELINE = VERSIONS[0];
    static final Color COMPARED = VERSIONS[1];

    private Colours() {
    }

    /**
     * A class's colour.
     *
     * @param label the class index
     * @return its colour; classes beyond ten repeat the palette
     */
    static Color ofClass(int label) {
        return CLASSES[Math.floorMod(label, CLASSES.length)];
    }

    /**
     * A version's colour in a list of versions.
     *
     * @param position its place, 0 for the root
     * @return its colour
     */
    static Color ofVersion(int position) {
        return VERSIONS[position < VERSIONS.length ? position : 1 + (position - 1) % (VERSIONS.length - 1)];
    }

    /**
     * The heat of an accuracy: white at 0 shading to a dark teal at 1, readable under black text up to
     * about 0.75 and under white beyond.
     *
     * @param accuracy in [0, 1]
     * @return the colour
     */
    static RGB heat(double accuracy) {
        double t = Double.isNaN(accuracy) ? 0 : Math.max(0, Math.min(1, accuracy));
        return new RGB((int) Math.round(255 - t * (255 - 0)), (int) Math.round(255 - t * (255 - 109)),
                (int) Math.round(255 - t * (255 - 119)));
    }

    /**
     * The text colour that reads on a heat colour.
     *
     * @param fill the cell's colour
     * @return black or white
     */
    static RGB textOn(RGB fill) {
        double luminance = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue;
        return luminance > 140 ? new RGB(20, 20, 20) : new RGB(255, 255, 255);
    }

    /**
     * A diverging colour for a change: blue for better, red for worse, white for none.
     *
     * @param worse how much worse, in units where 1 saturates (negative: better)
     * @return the colour
     */
    static RGB change(double worse) {
        if (Double.isNaN(worse)) {
            return new RGB(245, 245, 245);
        }
        double t = Math.min(1, Math.abs(worse));
        int fade = (int) Math.round(255 * (1 - 0.7 * t));
        return worse >= 0 ? new RGB(255, fade, fade) : new RGB(fade, fade, 255);
    }
}
