package org.prunelab.metrics;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.probe.LayerStatistic;

import ai.djl.ndarray.NDArray;

/**
 * A metric of a convolution's weights alone: each filter is a row of {@code in·k·k} values.
 */
abstract class WeightMetric extends AbstractImportanceMetric<NoSettings, LayerStatistic> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, NoSettings settings) {
        return score(filters(context, conv));
    }

    /**
     * A convolution's filters.
     *
     * @param context the scored model
     * @param conv the convolution
     * @return one row of {@code in·k·k} weights per filter
     */
    static double[][] filters(ScoringContext context, String conv) {
        NDArray weight = context.model().parameter(conv + "." + ParameterSpecs.WEIGHT);
        int filters = (int) weight.getShape().get(0);
        float[] values = weight.toFloatArray();
        int size = values.length / filters;
        double[][] rows = new double[filters][size];
        for (int f = 0; f < filters; f++) {
            for (int i = 0; i < size; i++) {
                rows[f][i] = values[f * size + i];
            }
        }
        return rows;
    }

    /**
     * Scores the filters of one layer.
     *
     * @param filters one row of weights per filter
     * @return one score per filter
     */
    protected abstract double[] score(double[][] filters);
}
