package org.prunelab.strategies;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Removes the same share of channels from every layer: {@code round((1 − ratio) · C)} are kept.
 */
public final class UniformRatio implements PruningStrategy<UniformRatio.Settings> {

    /**
     * The share to remove.
     *
     * @param ratio share of each layer's channels to remove, in [0, 1)
     */
    public record Settings(@Setting(label = "Share removed", unit = "% of each layer's channels", percent = true,
            help = "The same share of every layer's channels is removed, the least important first") double ratio) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0.5);
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        Ratios.check(settings.ratio());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChannelGroup group : context.prunableGroups()) {
            counts.put(group.id(), (int) Math.round((1 - settings.ratio()) * group.channels()));
        }
        return context.keepTop(counts);
    }
}
