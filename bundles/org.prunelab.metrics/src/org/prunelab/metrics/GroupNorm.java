package org.prunelab.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.probe.LayerStatistic;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDArray;

/**
 * Group norms (Fang et al. 2023, Torch-Pruning's group importance): a channel is scored by every trained
 * weight that pruning it removes, not only its filter: the filters of its group's producing and depthwise
 * convolutions with their biases, the scale and shift of its batch norms, and its input slice in every
 * layer that reads it. A filter with small weights that the next layer amplifies is kept.
 * {@code ‖g_c‖_p = (Σ_{w owned by c} |w|^p)^{1/p}}; every producer of a group gets the group's scores.
 */
public abstract class GroupNorm extends AbstractImportanceMetric<NoSettings, LayerStatistic> {

    private final double p;

    GroupNorm(double p) {
        this.p = p;
    }

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, NoSettings settings) {
        ChannelGroups groups = ChannelGroups.of(context.model().network());
        String weight = conv + "." + ParameterSpecs.WEIGHT;
        double[] scores = new double[context.filters(conv)];
        Map<String, Slabs> slabs = new HashMap<>();
        // the groups whose channels the layer's filters are: the one it produces, or for a depthwise convolution
        // the ones it filters (several after a concatenation)
        for (ChannelGroup group : groups.groups()) {
            if (!group.producers().contains(conv) && !group.depthwise().contains(conv)) {
                continue;
            }
            List<Map<String, int[][]>> owned = Surgeon.ownedBy(groups, group);
            for (Map<String, int[][]> channel : owned) {
                double sum = 0;
                for (Map.Entry<String, int[][]> entry : channel.entrySet()) {
                    // the running statistics are estimated, not trained: they say nothing of the channel's worth
                    if (ParameterSpecs.isTrainable(entry.getKey())) {
                        sum += slabs.computeIfAbsent(entry.getKey(),
                                name -> new Slabs(context.model().parameter(name), p)).sum(entry.getValue());
                    }
                }
                for (int filter : channel.get(weight)[0]) {
                    scores[filter] = Math.pow(sum, 1 / p);
                }
            }
        }
        return scores;
    }

    /**
     * A parameter's Σ|w|^p over each index of each axis, so that a channel's share is a few additions: a
     * channel owns whole slabs (a filter's row, an input's column).
     */
    private static final class Slabs {
        private final float[] values;
        private final long[] dims;
        private final double p;
        private final double[][] byAxis;

        Slabs(NDArray parameter, double p) {
            this.values = parameter.toFloatArray();
            this.dims = parameter.getShape().getShape();
            this.p = p;
            byAxis = new double[dims.length][];
            for (int a = 0; a < dims.length; a++) {
                byAxis[a] = new double[(int) dims[a]];
            }
            int[] index = new int[dims.length];
            for (float value : values) {
                double power = Math.pow(Math.abs(value), p);
                for (int a = 0; a < dims.length; a++) {
                    byAxis[a][index[a]] += power;
                }
                for (int a = dims.length - 1; a >= 0 && ++index[a] == dims[a]; a--) {
                    index[a] = 0;
                }
            }
        }

        /** Σ|w|^p over the entries with a removed index on some axis. */
        double sum(int[][] removed) {
            int axes = 0;
            int axis = -1;
            for (int a = 0; a < removed.length; a++) {
                if (removed[a] != null && removed[a].length > 0) {
                    axes++;
                    axis = a;
                }
            }
            if (axes == 1) {
                double sum = 0;
                for (int i : removed[axis]) {
                    sum += byAxis[axis][i];
                }
                return sum;
            }
            // removed along several axes: each entry once, whichever of its indices is removed
            boolean[][] gone = new boolean[dims.length][];
            for (int a = 0; a < dims.length; a++) {
                gone[a] = new boolean[(int) dims[a]];
                if (removed[a] != null) {
                    for (int i : removed[a]) {
                        gone[a][i] = true;
                    }
                }
            }
            double sum = 0;
            int[] index = new int[dims.length];
            for (float value : values) {
                boolean owned = false;
                for (int a = 0; a < dims.length && !owned; a++) {
                    owned = gone[a][index[a]];
                }
                if (owned) {
                    sum += Math.pow(Math.abs(value), p);
                }
                for (int a = dims.length - 1; a >= 0 && ++index[a] == dims[a]; a--) {
                    index[a] = 0;
                }
            }
            return sum;
        }
    }

    /** Σ|w| over all a channel owns. */
    public static final class L1 extends GroupNorm {
        /** Creates the metric. */
        public L1() {
            super(1);
        }
    }

    /** √Σw² over all a channel owns. */
    public static final class L2 extends GroupNorm {
        /** Creates the metric. */
        public L2() {
            super(2);
        }
    }
}
