package org.prunelab.ui.robustness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.swt.graphics.GC;
import org.prunelab.ui.TextFit;

/**
 * Text fitted to narrow places: a column header on up to two lines, a sentence wrapped at words.
 */
final class Headers {

    private Headers() {
    }

    /**
     * A column's header: whole if it fits; else without its family's word ("Gaussian noise" under "noise"
     * reads "Gaussian"); else on two lines, each cut to the width.
     *
     * @param gc for the font
     * @param name the corruption's name
     * @param family its family, shown above
     * @param width the column's width
     * @return one or two lines
     */
    static List<String> lines(GC gc, String name, String family, int width) {
        if (gc.textExtent(name).x <= width) {
            return List.of(name);
        }
        String shorter = name;
        if (!family.isEmpty()) {
            String without = name.replaceAll("(?i)\\s*\\b" + Pattern.quote(family.toLowerCase(Locale.ROOT))
                    + "\\b\\s*", " ").trim();
            if (!without.isEmpty()) {
                shorter = without;
            }
        }
        if (gc.textExtent(shorter).x <= width) {
            return List.of(shorter);
        }
        List<String> wrapped = wrap(gc, shorter, width);
        if (wrapped.size() <= 2) {
            return wrapped.stream().map(l -> TextFit.fit(gc, l, width)).toList();
        }
        return List.of(TextFit.fit(gc, wrapped.get(0), width), TextFit.fit(gc, String.join(" ",
                wrapped.subList(1, wrapped.size())), width));
    }

    /**
     * A sentence broken at spaces into lines of at most a width (a word longer than the width is a line).
     *
     * @param gc for the font
     * @param text the sentence
     * @param width the width
     * @return the lines
     */
    static List<String> wrap(GC gc, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && gc.textExtent(next).x > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(next);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }
}
