package org.prunelab.core.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * Axis ticks at round values (1, 2 or 5 times a power of ten apart) that enclose the data, about five of
 * them, as a reader would draw them by hand; for the report's figures and the workbench's charts.
 */
public final class Ticks {

    private static final int WANTED = 5;

    private Ticks() {
    }

    /**
     * Ticks enclosing the values.
     *
     * @param values the data; non-finite ones are ignored
     * @param leastStep the smallest step allowed (1 for counts and epochs, 0 for any)
     * @return at least two ticks, ascending, the first at or below the least value and the last at or above
     *         the greatest
     */
    static double[] around(double[] values, double leastStep) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        double lo = finite.length == 0 ? 0 : Arrays.stream(finite).min().getAsDouble();
        double hi = finite.length == 0 ? 1 : Arrays.stream(finite).max().getAsDouble();
        if (hi - lo < 1e-12) {
            // one value: a range around it that is readable in its own units
            double pad = Math.max(leastStep, Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1);
            lo -= pad;
            hi += pad;
        }
        double step = Math.max(roundStep((hi - lo) / WANTED), leastStep);
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[Math.max(count, 2)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    /**
     * The smallest of 1, 2 or 5 times a power of ten at least as large as a step.
     *
     * @param step a positive step
     * @return the round step
     */
    public static double roundStep(double step) {
        double power = Math.pow(10, Math.floor(Math.log10(step)));
        for (double multiple : new double[] {1, 2, 5}) {
            // the power of ten is not exact below 1 (0.1 is not a binary fraction): a ratio a hair above counts
            if (step <= multiple * power * (1 + 1e-9)) {
                return multiple * power;
            }
        }
        return 10 * power;
    }

    /**
     * A tick's text with as many decimals as the step needs.
     *
     * @param tick the value
     * @param ticks all ticks of the axis
     * @return e.g. "82.5" among 80, 82.5, 85; "4" among whole numbers
     */
    static String label(double tick, double[] ticks) {
        double step = ticks[1] - ticks[0];
        int decimals = 0;
        while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", tick);
    }
}
