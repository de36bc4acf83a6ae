package org.prunelab.strategies;

import java.util.Locale;

import org.prunelab.core.strategies.PlanningContext;

/**
 * Checks of the shares the strategies take, and how their limits are said.
 */
final class Ratios {

    private Ratios() {
    }

    static void check(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("the pruning ratio must be in [0, 1), not " + ratio);
        }
    }

    /**
     * What a layer must keep, in words.
     *
     * @param context the limits
     * @param fewest the fewest channels they leave the layer in question
     * @return e.g. "every layer keeps at least 4" or "this layer keeps at least 7 (at most 80 % of it removed)"
     */
    static String limits(PlanningContext context, int fewest) {
        if (fewest <= context.minChannels() || context.maxRemoved() >= PlanningContext.NO_CEILING) {
            return "every layer keeps at least " + context.minChannels();
        }
        return String.format(Locale.ROOT, "this layer keeps at least %d (at most %.0f %% of a layer removed)", fewest,
                100 * context.maxRemoved());
    }
}
