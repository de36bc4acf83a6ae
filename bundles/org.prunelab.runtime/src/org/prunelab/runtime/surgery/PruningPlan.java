package org.prunelab.runtime.surgery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Which channels of each group to keep; groups the plan does not name keep all their channels.
 *
 * @param kept group id to the indices of the kept channels (sorted, without repeats)
 */
public record PruningPlan(Map<String, List<Integer>> kept) {

    /** Sorts and de-duplicates the indices; copies the map. */
    public PruningPlan {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        kept.forEach((group, channels) -> copy.put(group, List.copyOf(new TreeSet<>(channels))));
        kept = Map.copyOf(copy);
    }

    /**
     * The plan that keeps everything.
     *
     * @return an empty plan
     */
    public static PruningPlan keepAll() {
        return new PruningPlan(Map.of());
    }

    /**
     * The channels of a group to keep.
     *
     * @param group the group
     * @return the kept indices, all of them if the plan does not name the group
     */
    public List<Integer> keptOf(ChannelGroup group) {
        List<Integer> channels = kept.get(group.id());
        if (channels != null) {
            return channels;
        }
        return IntStream.range(0, group.channels()).boxed().toList();
    }
}
