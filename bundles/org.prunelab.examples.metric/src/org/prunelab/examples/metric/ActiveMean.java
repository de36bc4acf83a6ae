package org.prunelab.examples.metric;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ChannelSums;

/**
 * The mean of a filter's activations over the positions where it fires:
 * {@code Σ a / #(a ≥ 1e-4)}, over samples and positions of the activation after the activation
 * function. A filter that fires rarely but strongly scores high here, low on the plain mean.
 * <p>
 * The two steps of every metric: {@link #statistic} says what to accumulate during PruneLab's one pass
 * over the data (here the per-channel sums the runtime provides), {@link #score} turns the filled
 * statistic into one score per filter.
 */
public final class ActiveMean extends AbstractImportanceMetric<NoSettings, ChannelSums> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected ChannelSums statistic(ScoringContext context, String conv, String observed, NoSettings settings) {
        return new ChannelSums(observed);
    }

    @Override
    protected double[] score(ScoringContext context, String conv, ChannelSums sums, NoSettings settings) {
        double[] mean = sums.mean();
        double[] zeros = sums.percentNearZero();
        double[] scores = new double[mean.length];
        for (int f = 0; f < scores.length; f++) {
            double active = 1 - zeros[f] / 100;
            // mean over all positions / share of active positions = mean over the active ones
            scores[f] = active > 0 ? mean[f] / active : 0;
        }
        return scores;
    }
}
