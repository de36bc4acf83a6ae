package org.prunelab.ui.sparklines.internal;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/**
 * The filter views' colours, the same in every view: blue for the baseline class and class differences,
 * orange for the compared class and a class's own activations, green for the metric and the kept filters.
 * SWT colours without a device need no disposal.
 */
final class Palette {

    static final Color BASELINE = new Color(new RGB(31, 119, 180));
    static final Color COMPARED = new Color(new RGB(230, 120, 20));
    static final Color METRIC = new Color(new RGB(30, 130, 60));
    static final Color BRUSH = new Color(new RGB(200, 232, 205));
    static final Color AXIS = new Color(new RGB(110, 110, 110));
    static final Color GRID = new Color(new RGB(225, 225, 225));
    static final Color TEXT = new Color(new RGB(40, 40, 40));
    static final Color HIGHLIGHT = new Color(new RGB(20, 20, 20));
    static final Color CELL_BORDER = new Color(new RGB(205, 210, 218));
    /** The background of the most separated class pair; others blend towards white by their alpha. */
    static final RGB SEPARATION = new RGB(66, 133, 244);
    /** One colour per metric row of the barcodes, in the order the rows appear. */
    static final Color[] ROWS = {new Color(new RGB(170, 140, 200)), new Color(new RGB(240, 200, 110)),
            new Color(new RGB(130, 190, 140)), new Color(new RGB(120, 170, 220)), new Color(new RGB(230, 140, 140)),
            new Color(new RGB(150, 150, 150))};
    static final Color UNION = new Color(new RGB(245, 170, 110));

    private Palette() {
    }

    /**
     * White blended towards a colour.
     *
     * @param target the colour at full strength
     * @param alpha its share, in [0, 1]
     * @return the blend
     */
    static RGB blend(RGB target, double alpha) {
        double a = Math.max(0, Math.min(1, alpha));
        return new RGB((int) Math.round(255 + (target.red - 255) * a), (int) Math.round(255 + (target.green - 255) * a),
                (int) Math.round(255 + (target.blue - 255) * a));
    }
}
