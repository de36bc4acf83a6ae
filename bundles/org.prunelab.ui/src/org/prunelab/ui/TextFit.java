package org.prunelab.ui;

import org.eclipse.swt.graphics.GC;

/**
 * Text that views draw into a fixed width: class names, captions, edge labels.
 */
public final class TextFit {

    private TextFit() {
    }

    /**
     * The text, cut with an ellipsis to fit a width in the graphics context's font.
     *
     * @param gc where it is drawn
     * @param text the text
     * @param width the room, in pixels
     * @return the text, or as much of it as fits followed by "…"
     */
    public static String fit(GC gc, String text, int width) {
        if (gc.textExtent(text).x <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && gc.textExtent(cut + "…").x > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
