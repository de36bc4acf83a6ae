package org.prunelab.core.metrics;

import org.prunelab.core.contributions.Contribution;

/**
 * A metric as its plug-in declares it, known before its class loads.
 *
 * @param contribution id, name, description, category, plug-in
 * @param higherIsMoreImportant whether a higher score marks a filter worth keeping
 */
public record MetricDescriptor(Contribution contribution, boolean higherIsMoreImportant) {

    /**
     * The metric's id.
     *
     * @return e.g. "org.prunelab.metrics.l1"
     */
    public String id() {
        return contribution.id();
    }

    /**
     * The metric's display name.
     *
     * @return e.g. "L1 norm of weights"
     */
    public String name() {
        return contribution.name();
    }
}
