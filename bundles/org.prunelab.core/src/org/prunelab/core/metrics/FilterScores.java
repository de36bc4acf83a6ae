package org.prunelab.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric's score of every filter of some layers.
 *
 * @param metric the metric's id
 * @param higherIsMoreImportant the direction of the scores (APoZ, for instance, is lower-is-better)
 * @param byLayer layer id to one score per filter
 */
public record FilterScores(String metric, boolean higherIsMoreImportant, Map<String, double[]> byLayer) {

    /** Copies the map, keeping its order. */
    public FilterScores {
        byLayer = Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
    }

    /**
     * The scores of one layer.
     *
     * @param layer a layer id
     * @return its scores
     * @throws IllegalArgumentException if the layer was not scored
     */
    public double[] of(String layer) {
        double[] scores = byLayer.get(layer);
        if (scores == null) {
            throw new IllegalArgumentException("metric " + metric + " did not score layer '" + layer + "'");
        }
        return scores;
    }

    /**
     * The scores turned so that higher always means more important (negated where lower is better).
     *
     * @param layer a layer id
     * @return importance per filter
     */
    public double[] importance(String layer) {
        double[] scores = of(layer).clone();
        if (!higherIsMoreImportant) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = -scores[i];
            }
        }
        return scores;
    }
}
