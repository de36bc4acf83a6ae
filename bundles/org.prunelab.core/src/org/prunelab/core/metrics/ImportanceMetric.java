package org.prunelab.core.metrics;

/**
 * Scores every filter of the layers being pruned; contributed through the extension point
 * {@code org.prunelab.core.metrics}.
 * <p>
 * A metric is stateless: each computation starts with {@link #prepare}, which returns a
 * {@link MetricRun} holding the statistics the metric wants from the probe pass. The scoring service
 * runs one pass for all the metrics of a request, then asks each run for its scores. Extend
 * {@link AbstractImportanceMetric} for the defaults.
 *
 * @param <S> the metric's settings: a record whose instance from {@link #defaultSettings()} gives the
 *            defaults; saved as JSON in a version's recipe
 */
public interface ImportanceMetric<S extends Record> {

    /**
     * The settings used when none are given.
     *
     * @return the default settings
     */
    S defaultSettings();

    /**
     * Starts one computation.
     *
     * @param context the model, the layers to score and the dataset's classes
     * @param settings the settings of this computation
     * @return the run, with the statistics it needs from the probe pass
     * @throws IllegalArgumentException if the settings do not fit the context (e.g. an unknown class)
     */
    MetricRun prepare(ScoringContext context, S settings);
}
