package org.prunelab.core.metrics;

import java.util.List;
import java.util.Map;

import org.prunelab.runtime.probe.LayerStatistic;

/**
 * One computation of a metric: the statistics it needs, then the scores computed from them.
 */
public interface MetricRun {

    /**
     * The statistics to accumulate during the probe pass; empty for metrics of the weights alone.
     *
     * @return fresh statistics, owned by this run
     */
    List<LayerStatistic> statistics();

    /**
     * The scores, once the probe pass has filled the statistics. Their direction is the one the metric's
     * extension declares ({@code higherIsMoreImportant}).
     *
     * @return layer id to one score per filter, for every layer of the context
     */
    Map<String, double[]> scores();
}
