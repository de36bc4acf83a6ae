package org.prunelab.core.versions;

import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.data.Dataset;

/**
 * CNNPruner's layer sensitivity of one version, as an analysis stored with it: each prunable channel
 * group pruned alone by a metric's ranking at each ratio, evaluated without fine-tuning on training
 * images spread over the set ({@link LayerSensitivity#measure}). The target-accuracy strategy plans with
 * these curves.
 */
public final class LayerSensitivityAnalysis implements Analysis<LayerSensitivityAnalysis.Settings, SensitivityCurves> {

    /** The analysis's id. */
    public static final String ID = "org.prunelab.core.layerSensitivity";

    /** The metric ranking the channels unless another is chosen. */
    public static final String DEFAULT_METRIC = "org.prunelab.metrics.weightL1";

    /**
     * What to measure.
     *
     * @param metric the id of the metric whose ranking chooses the channels to remove
     * @param ratios the shares of a group's channels removed, ascending, each in (0, 1)
     * @param samples training images the accuracies are measured on, spread over the set (0 for all)
     * @param probeSamples training images the metric scores the filters on (0 for all), as for pruning
     */
    public record Settings(String metric, List<Double> ratios, int samples, int probeSamples) {

        /** Checks the values and copies the list. */
        public Settings {
            if (metric == null || metric.isBlank()) {
                throw new IllegalArgumentException("metric is the id of an installed metric, such as " + DEFAULT_METRIC);
            }
            ratios = List.copyOf(ratios);
            if (ratios.isEmpty()) {
                throw new IllegalArgumentException("ratios is empty: give shares between 0 and 1, such as 0.1, 0.5, 0.9");
            }
            double previous = 0;
            for (double ratio : ratios) {
                if (!(ratio > previous && ratio < 1)) {
                    throw new IllegalArgumentException("ratios must rise strictly between 0 and 1 (shares of a layer's "
                            + "channels removed); not " + ratios);
                }
                previous = ratio;
            }
            if (samples < 0 || probeSamples < 0) {
                throw new IllegalArgumentException("samples and probeSamples are counts of training images (0 for all), "
                        + "not " + samples + " and " + probeSamples);
            }
        }
    }

    /**
     * The settings pruning toward an accuracy looks for: a metric's curves at CNNPruner's ratios on the
     * validation images pruning checks its plans on.
     *
     * @param metric the metric's id
     * @return the settings
     */
    public static Settings standard(String metric) {
        return new Settings(metric, LayerSensitivity.RATIOS, PruningService.VALIDATION_SAMPLES, 0);
    }

    @Override
    public Settings defaultSettings() {
        return standard(DEFAULT_METRIC);
    }

    @Override
    public Class<SensitivityCurves> resultType() {
        return SensitivityCurves.class;
    }

    @Override
    public void validate(AnalysisContext context, Settings settings) {
        metrics().require(settings.metric(), "metric");
    }

    @Override
    public SensitivityCurves run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Layer sensitivity of " + context.versions().get(0).id(), 100);
        Dataset train = context.train();
        Dataset probe = settings.probeSamples() == 0 ? train : Subsets.spread(train, settings.probeSamples());
        Dataset validation = settings.samples() == 0 ? train : Subsets.spread(train, settings.samples());
        MetricScoring.Request request = MetricScoring.request(metrics(), settings.metric());
        Map<String, FilterScores> scores = MetricScoring.score(
                ScoringContext.allConvolutions(context.models().get(0), train.classNames()), probe,
                context.normalization(), context.batchSize(), List.of(request), sub.split(20));
        return LayerSensitivity.measure(context.models().get(0), scores.get(settings.metric()), validation,
                context.normalization(), settings.ratios(), sub.split(80));
    }

    private static MetricRegistry metrics() {
        return new MetricRegistry(RegistryFactory.getRegistry());
    }
}
