package org.prunelab.strategies;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Removes a share of all channels, the least important across the network first: layers whose filters
 * score low lose more. Scores are normalised per layer (see {@link PlanningContext#of}).
 */
public final class GlobalThreshold implements PruningStrategy<GlobalThreshold.Settings> {

    /**
     * The share to remove.
     *
     * @param ratio share of all prunable channels to remove, in [0, 1)
     */
    public record Settings(@Setting(label = "Share removed", unit = "% of all channels", percent = true,
            help = "The least important channels across the network are removed, scores normalised per layer") double ratio) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0.5);
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        Ratios.check(settings.ratio());
        return context.removeGlobally(settings.ratio());
    }
}
