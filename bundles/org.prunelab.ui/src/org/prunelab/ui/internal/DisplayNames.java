package org.prunelab.ui.internal;

import java.util.Optional;

import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;

/**
 * The names people read for installed metrics and strategies, where the recipes store ids
 * ({@code org.prunelab.metrics.fpgm} is "FPGM"): the contribution's declared name without its
 * parenthesised gloss, or the id's last part for what is not installed (any more).
 */
public final class DisplayNames {

    private DisplayNames() {
    }

    /**
     * A metric's short name.
     *
     * @param id the metric's id, or null
     * @return e.g. "FPGM", "L1 norm of weights"; "" for null
     */
    public static String metric(String id) {
        return name(id, Services.find(MetricRegistry.class).flatMap(r -> r.descriptor(id)).map(d -> d.contribution().name()));
    }

    /**
     * A strategy's short name.
     *
     * @param id the strategy's id, or null
     * @return e.g. "Target parameters"; "" for null
     */
    public static String strategy(String id) {
        return name(id, Services.find(StrategyRegistry.class).flatMap(r -> r.descriptor(id)).map(d -> d.contribution().name()));
    }

    private static String name(String id, Optional<String> declared) {
        if (id == null) {
            return "";
        }
        return declared.map(DisplayNames::withoutGloss).orElse(id.substring(id.lastIndexOf('.') + 1));
    }

    /** "FPGM (distance to the geometric median)" is "FPGM"; a name that is all gloss stays whole. */
    static String withoutGloss(String name) {
        int open = name.indexOf(" (");
        return open > 0 ? name.substring(0, open) : name;
    }
}
