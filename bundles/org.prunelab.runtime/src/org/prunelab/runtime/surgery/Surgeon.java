package org.prunelab.runtime.surgery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Applies a {@link PruningPlan}: derives the smaller network and copies the kept slices of every weight
 * into it. The original model is not changed.
 */
public final class Surgeon {

    private Surgeon() {
    }

    /**
     * The network a plan leaves: each conv has as many filters as its group keeps.
     *
     * @param groups the groups of the network
     * @param plan the plan
     * @return the pruned network (same layer ids)
     * @throws IllegalArgumentException if the plan names an unknown or unprunable group, an index out of
     *             range, or keeps no channel of a group
     */
    public static Network prune(ChannelGroups groups, PruningPlan plan) {
        check(groups, plan);
        Network network = groups.network();
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Conv2d c) {
                int kept = plan.keptOf(groups.groupOf(layer.id()).orElseThrow()).size();
                layers.add(new Layer(layer.id(), new Op.Conv2d(kept, c.kernel(), c.stride(), c.padding(), c.bias()),
                        layer.inputs()));
            } else {
                layers.add(layer);
            }
        }
        Network pruned = new Network(network.name(), network.inputShape(), layers);
        pruned.shapes();
        return pruned;
    }

    /**
     * Builds the pruned model: the network of {@link #prune} with the kept slices of every parameter.
     *
     * @param model the model to prune; unchanged
     * @param plan the plan
     * @param parent the manager under which the new model's manager is created
     * @return the new model
     * @throws IllegalArgumentException if the plan is not valid for the model (see {@link #prune})
     */
    public static NetworkModel apply(NetworkModel model, PruningPlan plan, NDManager parent) {
        ChannelGroups groups = ChannelGroups.of(model.network());
        Network pruned = prune(groups, plan);
        Map<String, Shape> specs = ParameterSpecs.of(pruned);
        NDManager manager = parent.newSubManager();
        try {
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (Layer layer : model.network().layers()) {
                for (String name : specs.keySet()) {
                    // a parameter is the layer's id and a role without dots: "s1.b1" is not "s1.b1.conv1"'s layer
                    if (!name.startsWith(layer.id() + ".") || name.indexOf('.', layer.id().length() + 1) >= 0) {
                        continue;
                    }
                    String role = name.substring(layer.id().length() + 1);
                    NDArray source = model.parameter(name);
                    int[][] keep = keptIndices(groups, plan, layer, role, source.getShape());
                    NDArray copy = manager.create(select(source.toFloatArray(), source.getShape(), keep),
                            specs.get(name));
                    copy.setName(name);
                    parameters.put(name, copy);
                }
            }
            return NetworkModel.of(pruned, manager, parameters);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** For each axis of a parameter, the indices to keep (null: all). */
    private static int[][] keptIndices(ChannelGroups groups, PruningPlan plan, Layer layer, String role, Shape shape) {
        int[][] keep = new int[shape.dimension()][];
        switch (layer.op()) {
            case Op.Conv2d c -> {
                keep[0] = ints(plan.keptOf(groups.groupOf(layer.id()).orElseThrow()));
                if (role.equals(ParameterSpecs.WEIGHT)) {
                    keep[1] = groups.groupOf(layer.inputs().get(0)).map(g -> ints(plan.keptOf(g))).orElse(null);
                }
            }
            case Op.BatchNorm2d b -> keep[0] = ints(plan.keptOf(groups.groupOf(layer.id()).orElseThrow()));
            case Op.Linear l -> {
                Layer source = groups.network().layer(layer.inputs().get(0)).orElseThrow();
                if (role.equals(ParameterSpecs.WEIGHT) && source.op() instanceof Op.Flatten) {
                    keep[1] = groups.groupOf(source.inputs().get(0)).map(g -> {
                        int per = groups.featuresPerChannel(source.id());
                        List<Integer> channels = plan.keptOf(g);
                        int[] features = new int[channels.size() * per];
                        for (int i = 0; i < channels.size(); i++) {
                            for (int s = 0; s < per; s++) {
                                features[i * per + s] = channels.get(i) * per + s;
                            }
                        }
                        return features;
                    }).orElse(null);
                }
            }
            default -> throw new IllegalStateException("layer " + layer.id() + " has no parameters");
        }
        return keep;
    }

    /** Copies the sub-array of a row-major array that keeps the given indices on each axis. */
    static float[] select(float[] data, Shape shape, int[][] keep) {
        int rank = shape.dimension();
        long[] dims = shape.getShape();
        int[][] axes = new int[rank][];
        int size = 1;
        for (int a = 0; a < rank; a++) {
            axes[a] = keep[a] != null ? keep[a] : IntStream.range(0, (int) dims[a]).toArray();
            size *= axes[a].length;
        }
        long[] strides = new long[rank];
        long stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= dims[a];
        }
        float[] out = new float[size];
        int[] position = new int[rank];
        int innermost = rank - 1;
        boolean contiguous = keep[innermost] == null;
        int row = axes[innermost].length;
        for (int o = 0; o < size; o += row) {
            long base = 0;
            for (int a = 0; a < innermost; a++) {
                base += axes[a][position[a]] * strides[a];
            }
            if (contiguous) {
                System.arraycopy(data, (int) base, out, o, row);
            } else {
                for (int i = 0; i < row; i++) {
                    out[o + i] = data[(int) (base + axes[innermost][i])];
                }
            }
            for (int a = innermost - 1; a >= 0; a--) {
                if (++position[a] < axes[a].length) {
                    break;
                }
                position[a] = 0;
            }
        }
        return out;
    }

    private static void check(ChannelGroups groups, PruningPlan plan) {
        for (Map.Entry<String, List<Integer>> entry : plan.kept().entrySet()) {
            ChannelGroup group = groups.group(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "the plan names channel group '" + entry.getKey() + "', which network "
                            + groups.network().name() + " does not have"));
            List<Integer> kept = entry.getValue();
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("the plan keeps no channel of group '" + group.id() + "' (layers "
                        + String.join(", ", group.producers()) + "): that would empty the layer; keep at least one");
            }
            if (!group.prunable() && kept.size() != group.channels()) {
                throw new IllegalArgumentException("channel group '" + group.id() + "' cannot be pruned");
            }
            int last = kept.get(kept.size() - 1);
            if (kept.get(0) < 0 || last >= group.channels()) {
                throw new IllegalArgumentException("the plan keeps channel " + (kept.get(0) < 0 ? kept.get(0) : last)
                        + " of group '" + group.id() + "', which has channels 0.." + (group.channels() - 1));
            }
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
