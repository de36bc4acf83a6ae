package org.prunelab.runtime.probe;

/**
 * The defaults of a statistic: its layer, and whether it needs gradients.
 */
public abstract class AbstractLayerStatistic implements LayerStatistic {

    private final String layer;
    private final boolean needsGradient;

    /**
     * Creates the statistic.
     *
     * @param layer the observed layer
     * @param needsGradient whether the pass must run backward for it
     */
    protected AbstractLayerStatistic(String layer, boolean needsGradient) {
        this.layer = layer;
        this.needsGradient = needsGradient;
    }

    @Override
    public final String layer() {
        return layer;
    }

    @Override
    public final boolean needsGradient() {
        return needsGradient;
    }
}
