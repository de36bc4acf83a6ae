package org.prunelab.core.metrics;

/**
 * The settings of a metric that has none.
 */
public record NoSettings() {
}
