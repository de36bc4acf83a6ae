package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.probe.TaylorSums;

/**
 * First-order Taylor importance (Molchanov et al. 2017): {@code |mean over samples and positions of
 * (∂L/∂z)·z|}, the loss change if the filter's output were zeroed, ℓ2-normalised per layer so that
 * layers compare.
 */
public final class Taylor extends TaylorSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, TaylorSums statistic, NoSettings settings) {
        return normalised(statistic.importance());
    }

    /** Divided by the layer's ℓ2 norm, so that layers compare. */
    static double[] normalised(double[] importance) {
        double norm = 0;
        for (double v : importance) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int f = 0; f < importance.length; f++) {
            importance[f] = norm > 0 ? importance[f] / norm : 0;
        }
        return importance;
    }

    /**
     * First-order Taylor importance of the filter's weights (Molchanov et al. 2019, Torch-Pruning's Taylor):
     * {@code |Σ_{w ∈ f} w·∂L/∂w|} over the data, the loss change if the filter's weights were zeroed,
     * ℓ2-normalised per layer. Read from the convolution's own output, before its batch norm.
     */
    public static final class OfWeights extends TaylorSumsMetric {

        @Override
        protected TaylorSums statistic(ScoringContext context, String conv, String observed, NoSettings settings) {
            // the convolution's own output, not the activation after it
            return TaylorSums.ofWeights(conv);
        }

        @Override
        protected double[] score(ScoringContext context, String conv, TaylorSums statistic, NoSettings settings) {
            String bias = conv + "." + ParameterSpecs.BIAS;
            return normalised(statistic.weightImportance(context.model().parameters().containsKey(bias)
                    ? context.model().parameter(bias).toFloatArray() : null));
        }
    }
}
