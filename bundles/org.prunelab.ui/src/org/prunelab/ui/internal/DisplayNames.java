package org.prunelab.ui.internal;

import org.prunelab.core.contributions.ContributionRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;

import com.google.gson.JsonElement;

/**
 * The names people read for installed metrics and strategies, where the recipes store ids
 * ({@code org.prunelab.metrics.fpgm} is "FPGM"), as {@link ContributionRegistry#shortName} gives them.
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
        return name(MetricRegistry.class, id);
    }

    /**
     * A strategy's short name.
     *
     * @param id the strategy's id, or null
     * @return e.g. "Target parameters"; "" for null
     */
    public static String strategy(String id) {
        return name(StrategyRegistry.class, id);
    }

    /**
     * A strategy's stored settings in words.
     *
     * @param id the strategy's id
     * @param settings the settings as a recipe stores them, or null
     * @return e.g. "Kept: 40 % of the parent"; the JSON when the strategy is not installed; "" for null
     */
    public static String strategySettings(String id, JsonElement settings) {
        return Services.find(StrategyRegistry.class).map(r -> r.describeSettings(id, settings))
                .orElse(settings == null ? "" : settings.toString());
    }

    private static String name(Class<? extends ContributionRegistry<?>> registry, String id) {
        if (id == null) {
            return "";
        }
        return Services.find(registry).map(r -> r.shortName(id)).orElse(ContributionRegistry.lastPart(id));
    }
}
