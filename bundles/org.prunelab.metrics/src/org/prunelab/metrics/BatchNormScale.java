package org.prunelab.metrics;

import java.util.List;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.probe.LayerStatistic;

/**
 * Network slimming (Liu et al. 2017): |γ| of the batch norm that follows the convolution scales the
 * filter's whole output.
 */
public final class BatchNormScale extends AbstractImportanceMetric<NoSettings, LayerStatistic> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, NoSettings settings) {
        List<Layer> consumers = context.model().network().consumers(conv);
        if (consumers.size() != 1 || !(consumers.get(0).op() instanceof Op.BatchNorm2d)) {
            throw new IllegalArgumentException("layer '" + conv + "' is not followed by a batch norm: "
                    + "the BN scaling factor does not apply to it");
        }
        float[] gamma = context.model().parameter(consumers.get(0).id() + "." + ParameterSpecs.GAMMA).toFloatArray();
        double[] scores = new double[gamma.length];
        for (int f = 0; f < gamma.length; f++) {
            scores[f] = Math.abs(gamma[f]);
        }
        return scores;
    }
}
