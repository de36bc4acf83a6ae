package org.prunelab.strategies;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Prunes as much as an accuracy budget allows (CNNPruner's target accuracy). Per-layer ratios are
 * allocated from the layers' sensitivity curves: in steps of {@code step}, the layer whose next step
 * costs the least predicted accuracy per removed channel goes further, while the predicted drops add up
 * to at most {@code maxDrop}. The plan is then measured; while its real drop exceeds the budget, the last
 * steps are undone.
 */
public final class TargetAccuracy implements PruningStrategy<TargetAccuracy.Settings> {

    /**
     * The budget.
     *
     * @param maxDrop the accuracy (as a fraction: 0.01 = one point) the unpruned network may lose before
     *            fine-tuning
     * @param step the ratio increment per allocation step
     */
    public record Settings(
            @Setting(label = "Accuracy loss allowed", unit = "percentage points", percent = true,
                    help = "What the pruned network may lose against its parent before fine-tuning") double maxDrop,
            @Setting(label = "Step", unit = "% of a layer's channels", percent = true,
                    help = "How much further a layer is pruned at each allocation step") double step) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0.01, 0.1);
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        SensitivityCurves curves = context.sensitivity();
        if (curves == null) {
            throw new IllegalArgumentException("a target accuracy needs the layers' sensitivity for the chosen metric: "
                    + "measure it first (Analyse > Layer Sensitivity… in the exploration tree, or prunelab cli "
                    + "sensitivity)");
        }
        if (!(settings.maxDrop() >= 0 && settings.maxDrop() < 1) || !(settings.step() > 0 && settings.step() < 1)) {
            throw new IllegalArgumentException("maxDrop must be in [0, 1) and step in (0, 1): " + settings);
        }
        double maxRatio = curves.ratios().get(curves.ratios().size() - 1);
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (ChannelGroup group : context.prunableGroups()) {
            ratios.put(group.id(), 0.0);
        }
        Deque<String> steps = new ArrayDeque<>();
        double predicted = 0;
        while (true) {
            String best = null;
            double bestCost = Double.MAX_VALUE;
            double bestDrop = 0;
            for (ChannelGroup group : context.prunableGroups()) {
                double now = ratios.get(group.id());
                double next = Math.min(maxRatio, now + settings.step());
                int keepNext = (int) Math.round((1 - next) * group.channels());
                if (next <= now || keepNext < context.minChannels()) {
                    continue;
                }
                double extra = curves.drop(group.id(), next) - curves.drop(group.id(), now);
                double removed = Math.max(1, (next - now) * group.channels());
                double cost = extra / removed;
                if (predicted + extra <= settings.maxDrop() && cost < bestCost) {
                    best = group.id();
                    bestCost = cost;
                    bestDrop = extra;
                }
            }
            if (best == null) {
                break;
            }
            ratios.put(best, Math.min(maxRatio, ratios.get(best) + settings.step()));
            steps.push(best);
            predicted += bestDrop;
        }
        PruningPlan plan = plan(context, ratios);
        if (context.evaluator() == null) {
            return plan;
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Checking the plan's accuracy", steps.size() + 1);
        double drop = curves.baseAccuracy() - context.evaluator().accuracy(plan);
        double closest = drop;
        while (drop > settings.maxDrop() && !steps.isEmpty()) {
            sub.split(1);
            String undo = steps.pop();
            ratios.put(undo, Math.max(0, ratios.get(undo) - settings.step()));
            plan = plan(context, ratios);
            drop = curves.baseAccuracy() - context.evaluator().accuracy(plan);
            closest = Math.min(closest, drop);
        }
        if (drop > settings.maxDrop()) {
            // the measured accuracy of the unpruned network can be below the curves' base when the curves were
            // measured on other samples: say how close the plans came
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no pruning stays within %.1f points of "
                    + "the base accuracy (%.1f %%): the closest plan tried loses %.1f points", 100 * settings.maxDrop(),
                    100 * curves.baseAccuracy(), 100 * closest));
        }
        return plan;
    }

    private static PruningPlan plan(PlanningContext context, Map<String, Double> ratios) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChannelGroup group : context.prunableGroups()) {
            counts.put(group.id(), (int) Math.round((1 - ratios.get(group.id())) * group.channels()));
        }
        return context.keepTop(counts);
    }
}
