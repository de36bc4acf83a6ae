package org.prunelab.ui.internal;

import java.util.Locale;

/**
 * A measured figure as the views write it: formatted when it is a finite number, and saying what it is
 * otherwise, since "NaN %" or "Infinity ms" tells a researcher nothing (NaN: the figure was not measured;
 * infinite: the value diverged).
 */
public final class FigureText {

    /** What a NaN figure reads. */
    public static final String NOT_MEASURED = "not measured";

    /** What an infinite figure reads. */
    public static final String INFINITE = "infinite";

    private FigureText() {
    }

    /**
     * Writes a figure.
     *
     * @param format a format with one floating-point conversion, e.g. {@code "%.2f %%"}
     * @param value the figure
     * @return the formatted value, {@value #NOT_MEASURED} for NaN, or {@value #INFINITE}
     */
    public static String of(String format, double value) {
        if (Double.isNaN(value)) {
            return NOT_MEASURED;
        }
        return Double.isInfinite(value) ? INFINITE : String.format(Locale.ROOT, format, value);
    }
}
