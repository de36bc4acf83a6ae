package org.prunelab.core.strategies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import org.prunelab.core.metrics.FilterScores;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

/**
 * What a strategy plans with: the model, its prunable channel groups, one importance per channel (higher
 * = keep), the fewest channels any group may keep and the largest share of a group that may go (a ceiling
 * that stops a global ranking from emptying a layer), and, for accuracy goals, the layers' sensitivity and
 * a way to measure a plan's accuracy.
 *
 * @param model the model to prune
 * @param groups its channel groups
 * @param importance group id to one importance per channel; higher means more worth keeping
 * @param minChannels the fewest channels a group keeps, at least 1
 * @param maxRemoved the largest share of a group's channels a plan removes, in (0, 1]; 1 for no ceiling
 * @param sensitivity the layers' sensitivity curves, or null if none were measured
 * @param evaluator measures a plan's accuracy without fine-tuning, or null if none is available
 */
public record PlanningContext(NetworkModel model, ChannelGroups groups, Map<String, double[]> importance,
        int minChannels, double maxRemoved, SensitivityCurves sensitivity, PlanEvaluator evaluator) {

    /** No ceiling: a group may lose all but its minimum. */
    public static final double NO_CEILING = 1;

    /** Measures the accuracy a plan leaves, without fine-tuning. */
    @FunctionalInterface
    public interface PlanEvaluator {
        /**
         * Measures a plan.
         *
         * @param plan the plan
         * @return the pruned network's accuracy on validation samples
         */
        double accuracy(PruningPlan plan);
    }

    /** Checks the minimum and that every prunable group has importances. */
    public PlanningContext {
        if (minChannels < 1) {
            throw new IllegalArgumentException("every layer keeps at least one channel; minChannels = " + minChannels);
        }
        if (!(maxRemoved > 0 && maxRemoved <= 1)) {
            throw new IllegalArgumentException("the largest share of a layer removed must be in (0, 1], not "
                    + maxRemoved);
        }
        importance = Map.copyOf(importance);
        for (ChannelGroup group : groups.groups()) {
            // a minimum above a layer's width would keep it whole without saying so: the plan would not be
            // the one asked for
            if (group.prunable() && minChannels > group.channels()) {
                throw new IllegalArgumentException("the fewest channels a layer keeps (" + minChannels
                        + ") is more than group '" + group.id() + "' has (" + group.channels() + ")");
            }
            if (group.prunable() && (importance.get(group.id()) == null
                    || importance.get(group.id()).length != group.channels())) {
                throw new IllegalArgumentException("no importance for the " + group.channels() + " channels of group '"
                        + group.id() + "'");
            }
        }
    }

    /**
     * Builds a context from a metric's scores. A group's importance is the mean, over its producing
     * convolutions, of their scores divided by the layer's largest absolute score, so that layers and the
     * convolutions of a residual group weigh alike (a group of one conv keeps its ranking exactly).
     *
     * @param model the model
     * @param scores one metric's scores of every convolution
     * @param minChannels the fewest channels a group keeps
     * @return the context
     * @throws IllegalArgumentException if a producing convolution was not scored
     */
    public static PlanningContext of(NetworkModel model, FilterScores scores, int minChannels) {
        return of(model, scores, minChannels, NO_CEILING);
    }

    /**
     * Builds a context from a metric's scores, with a ceiling on the share of each layer removed (see
     * {@link #of(NetworkModel, FilterScores, int)}).
     *
     * @param model the model
     * @param scores one metric's scores of every convolution
     * @param minChannels the fewest channels a group keeps
     * @param maxRemoved the largest share of a group's channels removed, in (0, 1]
     * @return the context
     * @throws IllegalArgumentException if a producing convolution was not scored
     */
    public static PlanningContext of(NetworkModel model, FilterScores scores, int minChannels, double maxRemoved) {
        ChannelGroups groups = ChannelGroups.of(model.network());
        Map<String, double[]> importance = new LinkedHashMap<>();
        for (ChannelGroup group : groups.groups()) {
            if (!group.prunable()) {
                continue;
            }
            double[] sum = new double[group.channels()];
            for (String conv : group.producers()) {
                double[] layer = scores.importance(conv);
                double scale = Arrays.stream(layer).map(Math::abs).max().orElse(0);
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += scale > 0 ? layer[c] / scale / group.producers().size() : 0;
                }
            }
            importance.put(group.id(), sum);
        }
        return new PlanningContext(model, groups, importance, minChannels, maxRemoved, null, null);
    }

    /**
     * This context with sensitivity curves and an evaluator, for accuracy goals.
     *
     * @param curves the layers' sensitivity
     * @param measure measures a plan's accuracy
     * @return a new context
     */
    public PlanningContext withAccuracy(SensitivityCurves curves, PlanEvaluator measure) {
        return new PlanningContext(model, groups, importance, minChannels, maxRemoved, curves, measure);
    }

    /**
     * The prunable groups.
     *
     * @return groups whose channels can be removed
     */
    public List<ChannelGroup> prunableGroups() {
        return groups.prunable();
    }

    /**
     * The fewest channels a plan may leave a group: the minimum, or what the ceiling on the share removed
     * leaves, whichever is more.
     *
     * @param group a prunable group
     * @return at least 1, at most the group's width
     */
    public int fewest(ChannelGroup group) {
        int ceiling = group.channels() - (int) Math.floor(maxRemoved * group.channels() + 1e-9);
        return Math.min(group.channels(), Math.max(Math.min(minChannels, group.channels()), ceiling));
    }

    /**
     * Keeps the most important channels of each group: {@code counts} says how many.
     *
     * @param counts group id to channels to keep (raised to {@link #fewest}, capped at the group's size)
     * @return the plan
     */
    public PruningPlan keepTop(Map<String, Integer> counts) {
        Map<String, List<Integer>> kept = new LinkedHashMap<>();
        for (ChannelGroup group : prunableGroups()) {
            int keep = Math.min(group.channels(), Math.max(fewest(group),
                    counts.getOrDefault(group.id(), group.channels())));
            double[] score = importance.get(group.id());
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < score.length; c++) {
                order.add(c);
            }
            // most important first; ties keep the lower index, so plans are deterministic
            order.sort(Comparator.comparingDouble((Integer c) -> -score[c]).thenComparing(c -> c));
            kept.put(group.id(), order.subList(0, keep).stream().sorted().toList());
        }
        return new PruningPlan(kept);
    }

    /**
     * Removes the {@code fraction} least important channels of all prunable groups together (by their
     * importance, as normalised in {@link #of}), never below {@link #fewest} of any group.
     *
     * @param fraction the share of all prunable channels to remove, in [0, 1]
     * @return the plan
     */
    public PruningPlan removeGlobally(double fraction) {
        return removeGlobally(fraction, group -> 1);
    }

    /**
     * Removes the {@code fraction} channels of all prunable groups together whose importance per unit of
     * cost is least: a layer whose channels cost much (a wide 3 × 3 convolution late in the network) gives
     * up more of them than one whose channels are cheap (the first convolution), for the same importance.
     *
     * @param fraction the share of all prunable channels to remove, in [0, 1]
     * @param cost group id to what removing one of its channels saves, positive (see {@link #savings})
     * @return the plan
     */
    public PruningPlan removeGlobally(double fraction, ToDoubleFunction<String> cost) {
        record Channel(String group, int index, double score) {
        }
        List<Channel> all = new ArrayList<>();
        for (ChannelGroup group : prunableGroups()) {
            double[] score = importance.get(group.id());
            double groupCost = cost.applyAsDouble(group.id());
            for (int c = 0; c < score.length; c++) {
                all.add(new Channel(group.id(), c, score[c] / groupCost));
            }
        }
        all.sort(Comparator.comparingDouble(Channel::score).thenComparing(Channel::group).thenComparing(Channel::index));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> fewest = new LinkedHashMap<>();
        for (ChannelGroup group : prunableGroups()) {
            counts.put(group.id(), group.channels());
            fewest.put(group.id(), fewest(group));
        }
        int remove = (int) Math.round(Math.max(0, Math.min(1, fraction)) * all.size());
        for (Channel channel : all) {
            if (remove == 0) {
                break;
            }
            if (counts.get(channel.group()) > fewest.get(channel.group())) {
                counts.merge(channel.group(), -1, Integer::sum);
                remove--;
            }
        }
        return keepTop(counts);
    }

    /**
     * What removing one channel of each prunable group saves of a measure, counted on the IR, relative to
     * the mean over the groups (so that the costs are near 1): its filter, its batch norm and its slice of
     * every layer that reads it.
     *
     * @param measure parameters or FLOPs of a complexity
     * @return group id to its relative saving per channel, positive
     */
    public Map<String, Double> savings(ToLongFunction<Complexity> measure) {
        long whole = measure.applyAsLong(Complexity.of(model.network()));
        Map<String, Double> saved = new LinkedHashMap<>();
        for (ChannelGroup group : prunableGroups()) {
            if (group.channels() < 2) {
                continue;
            }
            PruningPlan oneLess = new PruningPlan(Map.of(group.id(),
                    IntStream.range(1, group.channels()).boxed().toList()));
            saved.put(group.id(), (double) Math.max(1, whole - measure.applyAsLong(complexityAfter(oneLess))));
        }
        double mean = saved.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        Map<String, Double> relative = new LinkedHashMap<>();
        for (ChannelGroup group : prunableGroups()) {
            relative.put(group.id(), saved.getOrDefault(group.id(), mean) / mean);
        }
        return relative;
    }

    /**
     * The complexity of the network a plan would leave (counted from the IR; nothing is built).
     *
     * @param plan a plan
     * @return its parameters and MACs
     */
    public Complexity complexityAfter(PruningPlan plan) {
        return Complexity.of(Surgeon.prune(groups, plan));
    }
}
