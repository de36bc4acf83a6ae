package org.prunelab.core.strategies;

import org.prunelab.core.contributions.Contribution;

/**
 * A strategy as its plug-in declares it, known before its class loads.
 *
 * @param contribution id, name, description, category, plug-in
 * @param usesSensitivity whether it plans with the parent's layer sensitivity curves
 */
public record StrategyDescriptor(Contribution contribution, boolean usesSensitivity) {

    /**
     * The strategy's id.
     *
     * @return e.g. "org.prunelab.strategies.uniform"
     */
    public String id() {
        return contribution.id();
    }
}
