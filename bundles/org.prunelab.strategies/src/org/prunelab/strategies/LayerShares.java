package org.prunelab.strategies;

import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanPrediction;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Removes a given share of each layer's channels, the least important first: the plan a researcher sets
 * layer by layer in the Plan view, recorded as such in the child's recipe. Layers not named keep all.
 */
public final class LayerShares implements PruningStrategy<LayerShares.Settings> {

    /**
     * The shares.
     *
     * @param shares group id (the id of its first convolution) to the share of its channels removed, in [0, 1)
     */
    public record Settings(@Setting(label = "Shares removed per layer",
            help = "A JSON object from a layer's name to the share (0 to 1) of its channels to remove") Map<String, Double> shares) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(Map.of());
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        Map<String, Double> shares = settings.shares() == null ? Map.of() : settings.shares();
        // the channels each layer keeps are the plan's prediction, so that what is applied is what was shown
        Map<String, Integer> kept = PlanPrediction.of(context.groups().network(), shares, null).kept();
        kept.forEach((group, count) -> {
            int fewest = context.groups().group(group).map(context::fewest).orElse(context.minChannels());
            if (count < fewest) {
                throw new IllegalArgumentException("the plan keeps " + count + " channels of '" + group
                        + "'; " + Ratios.limits(context, fewest));
            }
        });
        return context.keepTop(kept);
    }
}
