package org.prunelab.strategies;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * CNNPruner's allocation of per-layer ratios from the layers' sensitivity curves, step by step: the layer
 * whose next step loses the least predicted accuracy for what it gains goes further. The strategies that
 * allocate this way say what a step gains (channels, parameters) and which steps they allow.
 */
final class SensitivityAllocation {

    /** A layer's next step and the predicted accuracy it loses. */
    record Step(String group, double drop) {
    }

    private final PlanningContext context;
    private final SensitivityCurves curves;
    private final double step;
    private final double maxRatio;
    private final Map<String, Double> ratios = new LinkedHashMap<>();

    /**
     * Starts with every layer whole.
     *
     * @param context the planning context, whose sensitivity curves are required
     * @param step the ratio increment per step, in (0, 1)
     * @param what names the goal in the message when the curves are missing
     * @throws IllegalArgumentException if the context has no curves or the step is out of range
     */
    SensitivityAllocation(PlanningContext context, double step, String what) {
        if (context.sensitivity() == null) {
            throw new IllegalArgumentException(what + " needs the layers' sensitivity for the chosen metric: "
                    + "measure it first (Analyse > Layer Sensitivity… in the exploration tree, or prunelab cli "
                    + "sensitivity)");
        }
        if (!(step > 0 && step < 1)) {
            throw new IllegalArgumentException("the step must be in (0, 1), not " + step);
        }
        this.context = context;
        this.curves = context.sensitivity();
        this.step = step;
        this.maxRatio = curves.ratios().get(curves.ratios().size() - 1);
        for (ChannelGroup group : context.prunableGroups()) {
            ratios.put(group.id(), 0.0);
        }
    }

    /**
     * The allowed next step that loses the least predicted accuracy per unit gained.
     *
     * @param gainPerChannel group id to what removing one of its channels gains, positive
     * @param allowed whether a step that loses this much predicted accuracy may be taken
     * @return the step, or empty if no layer can go further
     */
    Optional<Step> cheapest(ToDoubleFunction<String> gainPerChannel, DoublePredicate allowed) {
        Step best = null;
        double bestCost = Double.MAX_VALUE;
        for (ChannelGroup group : context.prunableGroups()) {
            double now = ratios.get(group.id());
            double next = Math.min(maxRatio, now + step);
            if (next <= now || keep(group, next) < context.fewest(group)) {
                continue;
            }
            double extra = curves.drop(group.id(), next) - curves.drop(group.id(), now);
            double removed = Math.max(1, (next - now) * group.channels());
            double cost = extra / (removed * gainPerChannel.applyAsDouble(group.id()));
            if (allowed.test(extra) && cost < bestCost) {
                best = new Step(group.id(), extra);
                bestCost = cost;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Takes a step. */
    void take(Step next) {
        ratios.merge(next.group(), step, (now, more) -> Math.min(maxRatio, now + more));
    }

    /** Undoes a step of a group. */
    void undo(String group) {
        ratios.merge(group, -step, (now, less) -> Math.max(0, now + less));
    }

    /**
     * The plan of the ratios so far: each layer keeps its most important channels.
     *
     * @return the plan
     */
    PruningPlan plan() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChannelGroup group : context.prunableGroups()) {
            counts.put(group.id(), keep(group, ratios.get(group.id())));
        }
        return context.keepTop(counts);
    }

    private static int keep(ChannelGroup group, double ratio) {
        return (int) Math.round((1 - ratio) * group.channels());
    }
}
