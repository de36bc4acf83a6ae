package org.prunelab.core.strategies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

/**
 * What a plan of per-layer shares would leave, before any surgery: the channels each layer (channel
 * group) keeps, the pruned network's parameters and FLOPs counted from its IR, and its accuracy predicted
 * from the layers' sensitivity curves.
 * <p>
 * The curves are measured one layer at a time; PruneLab adds the layers' predicted losses, as if each
 * layer's pruning hurt independently of the others: predicted accuracy = base − Σ_l drop_l(r_l), where
 * drop_l(r) is the loss of layer l's curve at share r (interpolated linearly between the measured shares,
 * the last one beyond them), at least 0. The target-accuracy strategy budgets with the same sum.
 *
 * @param kept the channels each prunable group keeps, in network order
 * @param before the network's parameters and MACs
 * @param after the pruned network's
 * @param baseAccuracy the unpruned network's accuracy on the curves' samples, NaN without curves
 * @param accuracy the predicted accuracy, NaN without curves
 */
public record PlanPrediction(Map<String, Integer> kept, Complexity before, Complexity after, double baseAccuracy,
        double accuracy) {

    /** Copies the map. */
    public PlanPrediction {
        kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    /**
     * Predicts a plan.
     *
     * @param network the network to prune
     * @param shares group id to the share of its channels removed, in [0, 1); groups not named keep all
     * @param curves the network's layer sensitivity, or null to predict sizes only
     * @return the prediction
     * @throws IllegalArgumentException naming the group if it is unknown or not prunable, a share is outside
     *             [0, 1), or a share would leave a layer no channel
     */
    public static PlanPrediction of(Network network, Map<String, Double> shares, SensitivityCurves curves) {
        ChannelGroups groups = ChannelGroups.of(network);
        List<String> prunable = groups.prunable().stream().map(ChannelGroup::id).toList();
        for (String id : shares.keySet()) {
            if (!prunable.contains(id)) {
                throw new IllegalArgumentException("'" + id + "' is not a prunable layer of " + network.name()
                        + "; the prunable ones are " + String.join(", ", prunable));
            }
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        Map<String, List<Integer>> plan = new LinkedHashMap<>();
        double drop = 0;
        for (ChannelGroup group : groups.groups()) {
            if (!group.prunable()) {
                continue;
            }
            double share = shares.getOrDefault(group.id(), 0.0);
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the share of %s removed must be at "
                        + "least 0 and below 1, not %s", group.id(), share));
            }
            int keep = group.channels() - (int) Math.round(share * group.channels());
            if (keep < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "removing %.0f %% of %s would leave it "
                        + "no channel: it has %d%s", 100 * share, group.id(), group.channels(),
                        group.producers().size() > 1 ? " (a residual group of " + String.join(", ", group.producers())
                                + ")" : ""));
            }
            kept.put(group.id(), keep);
            // which channels stay does not change the sizes: the first ones stand for any
            plan.put(group.id(), new ArrayList<>(IntStream.range(0, keep).boxed().toList()));
            if (curves != null && share > 0) {
                drop += curves.drop(group.id(), share);
            }
        }
        Network pruned = Surgeon.prune(groups, new PruningPlan(plan));
        double base = curves == null ? Double.NaN : curves.baseAccuracy();
        return new PlanPrediction(kept, Complexity.of(network), Complexity.of(pruned), base,
                curves == null ? Double.NaN : Math.max(0, base - drop));
    }
}
