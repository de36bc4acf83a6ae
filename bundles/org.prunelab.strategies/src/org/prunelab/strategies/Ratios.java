package org.prunelab.strategies;

/**
 * Checks of the shares the strategies take.
 */
final class Ratios {

    private Ratios() {
    }

    static void check(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("the pruning ratio must be in [0, 1), not " + ratio);
        }
    }
}
