package org.prunelab.strategies;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.core.strategies.SensitivityCurves;
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
        if (!(settings.maxDrop() >= 0 && settings.maxDrop() < 1)) {
            throw new IllegalArgumentException("maxDrop must be in [0, 1): " + settings);
        }
        SensitivityAllocation allocation = new SensitivityAllocation(context, settings.step(), "a target accuracy");
        SensitivityCurves curves = context.sensitivity();
        Deque<String> steps = new ArrayDeque<>();
        double[] predicted = {0};
        while (true) {
            // per removed channel, within the budget
            var next = allocation.cheapest(group -> 1, extra -> predicted[0] + extra <= settings.maxDrop());
            if (next.isEmpty()) {
                break;
            }
            allocation.take(next.get());
            steps.push(next.get().group());
            predicted[0] += next.get().drop();
        }
        PruningPlan plan = allocation.plan();
        if (context.evaluator() == null) {
            return plan;
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Checking the plan's accuracy", steps.size() + 1);
        double drop = curves.baseAccuracy() - context.evaluator().accuracy(plan);
        double closest = drop;
        while (drop > settings.maxDrop() && !steps.isEmpty()) {
            sub.split(1);
            allocation.undo(steps.pop());
            plan = allocation.plan();
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
}
