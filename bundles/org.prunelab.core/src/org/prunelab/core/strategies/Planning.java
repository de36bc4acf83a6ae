package org.prunelab.core.strategies;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.contributions.ContributionRegistry;
import org.prunelab.core.contributions.SettingsJson;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;

import com.google.gson.JsonElement;

/**
 * Runs a contributed strategy in isolation and checks its plan: every prunable group keeps at least the
 * minimum, and no group is emptied.
 */
public final class Planning {

    /**
     * A strategy with its settings.
     *
     * @param descriptor the strategy
     * @param strategy an instance of it
     * @param settings its settings, of the type of its {@code defaultSettings()}
     */
    public record Request(StrategyDescriptor descriptor, PruningStrategy<?> strategy, Record settings) {
    }

    private Planning() {
    }

    /**
     * A request with settings given as JSON; missing fields keep their defaults.
     *
     * @param registry the strategy registry
     * @param id the strategy's id
     * @param settings JSON object of settings, or null for the defaults
     * @return the request
     * @throws IllegalArgumentException if no strategy has that id or the settings do not parse
     */
    public static Request request(StrategyRegistry registry, String id, JsonElement settings) {
        StrategyDescriptor descriptor = registry.require(id, "strategy");
        PruningStrategy<?> strategy = registry.create(descriptor);
        Record defaults = ContributionRegistry.call(descriptor.contribution(), "has no default settings",
                strategy::defaultSettings);
        Record chosen = SettingsJson.merge(defaults, settings, "strategy " + id);
        return new Request(descriptor, strategy, chosen);
    }

    /**
     * The settings of a request as JSON, for a recipe.
     *
     * @param request the request
     * @return its settings
     */
    public static JsonElement settingsJson(Request request) {
        return SettingsJson.toJson(request.settings());
    }

    /**
     * Plans with a strategy.
     *
     * @param request the strategy and its settings
     * @param context what to plan with
     * @param monitor progress and cancellation
     * @return the checked plan
     * @throws IllegalArgumentException if the strategy says the goal cannot be reached
     * @throws ContributionException naming the plug-in if the strategy fails or returns a plan that
     *             empties a group or keeps fewer than the minimum
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static PruningPlan plan(Request request, PlanningContext context, IProgressMonitor monitor) {
        PruningPlan plan;
        try {
            plan = ContributionRegistry.call(request.descriptor().contribution(), "failed to plan",
                    () -> ((PruningStrategy) request.strategy()).plan(context, request.settings(), monitor));
        } catch (ContributionException e) {
            if (e.getCause() instanceof IllegalArgumentException goal) {
                throw goal;
            }
            throw e;
        }
        for (ChannelGroup group : context.prunableGroups()) {
            int kept = plan.keptOf(group).size();
            if (kept < context.fewest(group)) {
                throw new ContributionException(String.format(Locale.ROOT, "%s keeps %d channels of group '%s', "
                        + "fewer than the %d its limits leave (at least %d channels, at most %.0f %% removed)",
                        request.descriptor().contribution().label(), kept, group.id(), context.fewest(group),
                        context.minChannels(), 100 * context.maxRemoved()), null);
            }
        }
        for (Map.Entry<String, List<Integer>> entry : plan.kept().entrySet()) {
            if (context.groups().group(entry.getKey()).isEmpty()) {
                throw new ContributionException(request.descriptor().contribution().label()
                        + " planned for an unknown group '" + entry.getKey() + "'", null);
            }
        }
        return plan;
    }
}
