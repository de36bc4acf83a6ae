package org.prunelab.strategies;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Removes the least important channels across the network until a measure of size falls to a target share
 * of the original: the smallest global ratio that reaches it, found by bisection over plans counted on the
 * IR. Channels are ranked by their importance normalised per layer (as {@link GlobalThreshold}), or, per
 * cost, by that importance divided by what removing the channel saves of the measure: the first
 * convolution's channels cost few parameters, so the ranking per cost no longer empties it to reach a
 * target of parameters.
 */
public abstract class TargetComplexity implements PruningStrategy<TargetComplexity.Settings> {

    /**
     * The target.
     *
     * @param keep the share of the measure to keep, in (0, 1]
     */
    public record Settings(@Setting(label = "Kept", unit = "% of the parent", percent = true,
            help = "The share of the parent's parameters or FLOPs (as the strategy is named) the pruned network keeps")
            double keep) {
    }

    private static final int STEPS = 30;

    private final String measure;
    private final ToLongFunction<Complexity> size;
    private final boolean perCost;

    TargetComplexity(String measure, ToLongFunction<Complexity> size, boolean perCost) {
        this.measure = measure;
        this.size = size;
        this.perCost = perCost;
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0.5);
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        if (!(settings.keep() > 0 && settings.keep() <= 1)) {
            throw new IllegalArgumentException("the share of " + measure + " to keep must be in (0, 1], not "
                    + settings.keep());
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Planning " + measure, STEPS + 1);
        double original = size.applyAsLong(Complexity.of(context.model().network()));
        double target = settings.keep() * original;
        Map<String, Double> cost = perCost ? context.savings(size) : Map.of();
        ToDoubleFunction<String> costOf = group -> cost.getOrDefault(group, 1.0);
        PruningPlan smallest = context.removeGlobally(1, costOf);
        double least = size.applyAsLong(context.complexityAfter(smallest));
        if (least > target) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s cannot fall to %.1f %%: keeping %d channels in every layer%s leaves %.1f %%", measure,
                    100 * settings.keep(), context.minChannels(), context.maxRemoved() < PlanningContext.NO_CEILING
                            ? String.format(Locale.ROOT, " and removing at most %.0f %% of any",
                                    100 * context.maxRemoved()) : "", 100 * least / original));
        }
        double low = 0;
        double high = 1;
        PruningPlan best = smallest;
        for (int i = 0; i < STEPS; i++) {
            sub.split(1);
            double middle = (low + high) / 2;
            PruningPlan plan = context.removeGlobally(middle, costOf);
            if (size.applyAsLong(context.complexityAfter(plan)) <= target) {
                best = plan;
                high = middle;
            } else {
                low = middle;
            }
        }
        return best;
    }

    /** Target share of the trained parameters, channels ranked by their normalised importance. */
    public static final class Parameters extends TargetComplexity {
        /** Creates the strategy. */
        public Parameters() {
            super("parameters", Complexity::parameters, false);
        }
    }

    /** Target share of the FLOPs, channels ranked by their normalised importance. */
    public static final class Flops extends TargetComplexity {
        /** Creates the strategy. */
        public Flops() {
            super("FLOPs", Complexity::flops, false);
        }
    }

    /** Target share of the trained parameters, channels ranked by importance per parameter saved. */
    public static final class ParametersPerCost extends TargetComplexity {
        /** Creates the strategy. */
        public ParametersPerCost() {
            super("parameters", Complexity::parameters, true);
        }
    }

    /** Target share of the FLOPs, channels ranked by importance per FLOP saved. */
    public static final class FlopsPerCost extends TargetComplexity {
        /** Creates the strategy. */
        public FlopsPerCost() {
            super("FLOPs", Complexity::flops, true);
        }
    }
}
