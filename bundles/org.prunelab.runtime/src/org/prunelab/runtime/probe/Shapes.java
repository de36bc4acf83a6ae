package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;

/**
 * Axis bookkeeping shared by the statistics.
 */
final class Shapes {

    private Shapes() {
    }

    /** Every axis but the channel axis (1): batch and, for maps, height and width. */
    static int[] allButChannel(NDArray activation) {
        return activation.getShape().dimension() == 4 ? new int[] {0, 2, 3} : new int[] {0};
    }

    /** Checks that two statistics can be combined. */
    static <T extends LayerStatistic> T same(LayerStatistic self, LayerStatistic other, Class<T> type) {
        if (!type.isInstance(other) || !other.layer().equals(self.layer())) {
            throw new IllegalArgumentException("cannot combine " + self.getClass().getSimpleName() + " of layer "
                    + self.layer() + " with " + other.getClass().getSimpleName() + " of layer " + other.layer());
        }
        return type.cast(other);
    }
}
