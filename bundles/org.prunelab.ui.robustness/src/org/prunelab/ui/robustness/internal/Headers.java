package org.prunelab.ui.robustness.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.swt.graphics.GC;
import org.prunelab.ui.TextFit;

/**
 * Column headers fitted to narrow places, on up to two lines.
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
        List<String> wrapped = TextFit.wrap(gc, shorter, width);
        if (wrapped.size() <= 2) {
            return wrapped.stream().map(l -> TextFit.fit(gc, l, width)).toList();
        }
        return List.of(TextFit.fit(gc, wrapped.get(0), width), TextFit.fit(gc, String.join(" ",
                wrapped.subList(1, wrapped.size())), width));
    }
}
