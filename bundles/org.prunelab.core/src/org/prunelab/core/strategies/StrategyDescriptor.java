package org.prunelab.core.strategies;

import org.prunelab.core.contributions.Contribution;

/**
 * A strategy as its plug-in declares it, known before its class loads.
 *
 * @param contribution id, name, description, category, plug-in
 */
public record StrategyDescriptor(Contribution contribution) {

    /**
     * The strategy's id.
     *
     * @return e.g. "org.prunelab.strategies.uniform"
     */
    public String id() {
        return contribution.id();
    }
}
