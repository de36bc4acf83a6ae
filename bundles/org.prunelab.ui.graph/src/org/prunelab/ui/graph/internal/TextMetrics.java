package org.prunelab.ui.graph.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;
import org.prunelab.ui.graph.LayerGraphLayout;

/**
 * Widths of characters in the graph's two fonts, measured once on the UI thread, so that the layout job
 * can size the layers' boxes to their text without touching SWT.
 */
final class TextMetrics {

    /** Space between a box's border and its text. */
    static final int PADDING_X = 9;
    /** Space above the first line and below the last. */
    static final int PADDING_Y = 5;

    private static final String SPECIAL = "×·—…–";

    private final Map<Character, Integer> regular;
    private final Map<Character, Integer> bold;
    private final int regularAverage;
    private final int boldAverage;
    private final int lineHeight;

    private TextMetrics(Map<Character, Integer> regular, Map<Character, Integer> bold, int regularAverage,
            int boldAverage, int lineHeight) {
        this.regular = regular;
        this.bold = bold;
        this.regularAverage = regularAverage;
        this.boldAverage = boldAverage;
        this.lineHeight = lineHeight;
    }

    /**
     * Measures the fonts; call on the UI thread.
     *
     * @param display the display
     * @param regularFont the font of the lines under the title
     * @param boldFont the font of the title line
     * @return the widths
     */
    static TextMetrics measure(Display display, Font regularFont, Font boldFont) {
        GC gc = new GC(display);
        try {
            gc.setFont(regularFont);
            Map<Character, Integer> regular = widths(gc);
            int regularAverage = (int) Math.ceil(gc.getFontMetrics().getAverageCharacterWidth());
            int regularHeight = gc.getFontMetrics().getHeight();
            gc.setFont(boldFont);
            Map<Character, Integer> bold = widths(gc);
            int boldAverage = (int) Math.ceil(gc.getFontMetrics().getAverageCharacterWidth());
            int lineHeight = Math.max(regularHeight, gc.getFontMetrics().getHeight());
            return new TextMetrics(regular, bold, regularAverage, boldAverage, lineHeight);
        } finally {
            gc.dispose();
        }
    }

    private static Map<Character, Integer> widths(GC gc) {
        Map<Character, Integer> widths = new HashMap<>();
        for (char c = 32; c < 127; c++) {
            widths.put(c, gc.stringExtent(String.valueOf(c)).x);
        }
        for (char c : SPECIAL.toCharArray()) {
            widths.put(c, gc.stringExtent(String.valueOf(c)).x);
        }
        return widths;
    }

    /**
     * The width of a text.
     *
     * @param text the text
     * @param inBold whether it is drawn in the bold font
     * @return its width in pixels, rounded up over the sum of its characters
     */
    int width(String text, boolean inBold) {
        Map<Character, Integer> table = inBold ? bold : regular;
        int fallback = inBold ? boldAverage : regularAverage;
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += table.getOrDefault(text.charAt(i), fallback);
        }
        // kerning and hinting can make a whole string a little wider than its characters
        return width + 2;
    }

    /**
     * The height of one line.
     *
     * @return pixels
     */
    int lineHeight() {
        return lineHeight;
    }

    /**
     * The box a layer's lines need.
     *
     * @param lines the lines, the title first
     * @return width and height
     */
    LayerGraphLayout.Size box(List<String> lines) {
        int width = 0;
        for (int i = 0; i < lines.size(); i++) {
            width = Math.max(width, width(lines.get(i), i == 0));
        }
        return new LayerGraphLayout.Size(width + 2 * PADDING_X, lines.size() * lineHeight + 2 * PADDING_Y);
    }

    /**
     * Boxes for all layers of a table: one width (the widest text's), so the main path is one straight
     * column, and each box as tall as its lines.
     *
     * @param rows the layers
     * @return the size of each layer's box, by layer id
     */
    Map<String, LayerGraphLayout.Size> boxes(List<LayerRow> rows) {
        double width = 0;
        Map<String, LayerGraphLayout.Size> boxes = new HashMap<>();
        for (LayerRow row : rows) {
            LayerGraphLayout.Size box = box(row.lines());
            boxes.put(row.name(), box);
            width = Math.max(width, box.width());
        }
        for (Map.Entry<String, LayerGraphLayout.Size> entry : boxes.entrySet()) {
            entry.setValue(new LayerGraphLayout.Size(width, entry.getValue().height()));
        }
        return boxes;
    }
}
