package org.prunelab.strategies;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Keeps exactly the selected channels: the union of the selections a researcher brushed in the filter
 * views. Groups without a selection keep everything.
 */
public final class KeepSelection implements PruningStrategy<KeepSelection.Settings> {

    /**
     * The selection.
     *
     * @param kept group id (the id of its first convolution) to the channels to keep
     */
    public record Settings(@Setting(label = "Channels kept per layer",
            help = "A JSON object from a layer's name to the indices of the channels to keep") Map<String, List<Integer>> kept) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(Map.of());
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        Map<String, List<Integer>> kept = settings.kept() == null ? Map.of() : settings.kept();
        for (Map.Entry<String, List<Integer>> entry : kept.entrySet()) {
            if (context.groups().group(entry.getKey()).isEmpty()) {
                throw new IllegalArgumentException("the selection names layer '" + entry.getKey()
                        + "', which is not the first convolution of a channel group");
            }
            int channels = context.groups().group(entry.getKey()).get().channels();
            Set<Integer> seen = new HashSet<>();
            for (Integer channel : entry.getValue()) {
                if (channel == null || channel < 0 || channel >= channels) {
                    throw new IllegalArgumentException("the selection of '" + entry.getKey() + "' names channel "
                            + channel + "; its channels are 0 to " + (channels - 1));
                }
                if (!seen.add(channel)) {
                    throw new IllegalArgumentException("the selection of '" + entry.getKey() + "' names channel "
                            + channel + " twice");
                }
            }
            int fewest = context.fewest(context.groups().group(entry.getKey()).get());
            if (entry.getValue().size() < fewest) {
                throw new IllegalArgumentException("the selection keeps " + entry.getValue().size() + " channels of '"
                        + entry.getKey() + "'; " + Ratios.limits(context, fewest));
            }
        }
        return new PruningPlan(kept);
    }
}
