package org.prunelab.ui;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * A text broken at spaces into lines of at most a width; a word longer than the width (a file's path) is
     * broken where it reaches it. Line breaks in the text are kept.
     *
     * @param gc for the font
     * @param text the text
     * @param width the width, in pixels
     * @return the lines
     */
    public static List<String> wrap(GC gc, String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder current = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String next = current.isEmpty() ? word : current + " " + word;
                if (current.isEmpty() || gc.textExtent(next).x <= width) {
                    current = new StringBuilder(next);
                } else {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                }
                // a word wider than the line: as much of it as fits, the rest on the next
                while (current.length() > 1 && gc.textExtent(current.toString()).x > width) {
                    int cut = current.length() - 1;
                    while (cut > 1 && gc.textExtent(current.substring(0, cut)).x > width) {
                        cut--;
                    }
                    lines.add(current.substring(0, cut));
                    current = new StringBuilder(current.substring(cut));
                }
            }
            lines.add(current.toString());
        }
        return lines;
    }

    /**
     * Draws a text wrapped to a width (see {@link #wrap}), line under line, with a transparent background.
     *
     * @param gc where it is drawn
     * @param text the text
     * @param x the left of the lines
     * @param y the top of the first line
     * @param width the width, in pixels
     * @return the y below the last line
     */
    public static int drawWrapped(GC gc, String text, int x, int y, int width) {
        int lineHeight = gc.getFontMetrics().getHeight();
        for (String line : wrap(gc, text, width)) {
            gc.drawText(line, x, y, true);
            y += lineHeight;
        }
        return y;
    }
}
