package org.prunelab.strategies;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.PruningStrategy;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Reaches a share of the parameters or FLOPs with the least predicted accuracy loss: per-layer ratios
 * allocated from the layers' sensitivity curves, step by step, the layer whose next step loses the least
 * predicted accuracy per unit of the measure it saves going further, until the network is small enough.
 * A layer whose accuracy falls fast keeps its channels; one that costs much and matters little gives them
 * up.
 */
public abstract class SensitivityTarget implements PruningStrategy<SensitivityTarget.Settings> {

    /**
     * The target and the allocation's step.
     *
     * @param keep the share of the measure to keep, in (0, 1]
     * @param step the ratio increment per allocation step, in (0, 1)
     */
    public record Settings(
            @Setting(label = "Kept", unit = "% of the parent", percent = true,
                    help = "The share of the parent's parameters or FLOPs (as the strategy is named) the pruned "
                            + "network keeps") double keep,
            @Setting(label = "Step", unit = "% of a layer's channels", percent = true,
                    help = "How much further a layer is pruned at each allocation step") double step) {
    }

    private final String measure;
    private final ToLongFunction<Complexity> size;

    SensitivityTarget(String measure, ToLongFunction<Complexity> size) {
        this.measure = measure;
        this.size = size;
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0.5, 0.05);
    }

    @Override
    public PruningPlan plan(PlanningContext context, Settings settings, IProgressMonitor monitor) {
        if (!(settings.keep() > 0 && settings.keep() <= 1)) {
            throw new IllegalArgumentException("the share of " + measure + " to keep must be in (0, 1], not "
                    + settings.keep());
        }
        SensitivityAllocation allocation = new SensitivityAllocation(context, settings.step(),
                "a sensitivity-aware target of " + measure);
        Map<String, Double> saving = context.savings(size);
        double original = size.applyAsLong(Complexity.of(context.model().network()));
        PruningPlan plan = allocation.plan();
        double now = original;
        while (now > settings.keep() * original) {
            var next = allocation.cheapest(group -> saving.getOrDefault(group, 1.0), extra -> true);
            if (next.isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s cannot fall to %.1f %% within "
                        + "the sensitivity curves (measured up to %.0f %% of a layer, at least %d channels): "
                        + "%.1f %% is the least", measure, 100 * settings.keep(),
                        100 * context.sensitivity().ratios().get(context.sensitivity().ratios().size() - 1),
                        context.minChannels(), 100 * now / original));
            }
            allocation.take(next.get());
            plan = allocation.plan();
            now = size.applyAsLong(context.complexityAfter(plan));
        }
        return plan;
    }

    /** A share of the trained parameters. */
    public static final class Parameters extends SensitivityTarget {
        /** Creates the strategy. */
        public Parameters() {
            super("parameters", Complexity::parameters);
        }
    }

    /** A share of the FLOPs. */
    public static final class Flops extends SensitivityTarget {
        /** Creates the strategy. */
        public Flops() {
            super("FLOPs", Complexity::flops);
        }
    }
}
