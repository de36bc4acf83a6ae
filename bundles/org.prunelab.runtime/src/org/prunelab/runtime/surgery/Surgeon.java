package org.prunelab.runtime.surgery;

import java.util.ArrayList;
import java.util.HashMap;
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
        Map<String, int[]> kept = keptChannels(groups, plan);
        Map<String, List<Integer>> shapes = network.shapes();
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Conv2d c) {
                int filters = kept.get(layer.id()).length;
                // a depthwise convolution keeps one group per kept channel
                int groupCount = c.isDepthwise(shapes.get(layer.inputs().get(0)).get(0)) ? filters : c.groups();
                layers.add(new Layer(layer.id(), new Op.Conv2d(filters, c.kernel(), c.stride(), c.padding(), c.bias(),
                        groupCount), layer.inputs()));
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
        Map<String, int[]> kept = keptChannels(groups, plan);
        Map<String, Shape> specs = ParameterSpecs.of(pruned);
        NDManager manager = parent.newSubManager();
        try {
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (Layer layer : model.network().layers()) {
                for (String name : parametersOf(layer, specs)) {
                    String role = name.substring(layer.id().length() + 1);
                    NDArray source = model.parameter(name);
                    int[][] keep = keptIndices(groups.network(), kept, layer, role, source.getShape());
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

    /**
     * What each channel of a group owns in every parameter: the entries that pruning that channel alone would
     * remove (its filters in the producing and depthwise convolutions, its scale, shift and statistics in the
     * batch norms, its input slice in the layers that read it, through concatenations and flattens). Group
     * criteria score a channel by all of it.
     *
     * @param groups the groups of the network
     * @param group one of them
     * @return per channel of the group, parameter name to, per axis, the removed indices (null for an axis
     *         that keeps all); only the parameters that lose something
     */
    public static List<Map<String, int[][]>> ownedBy(ChannelGroups groups, ChannelGroup group) {
        Map<String, Shape> specs = ParameterSpecs.of(groups.network());
        List<Map<String, int[][]>> channels = new ArrayList<>();
        for (int channel = 0; channel < group.channels(); channel++) {
            int dropped = channel;
            List<Integer> others = IntStream.range(0, group.channels()).filter(c -> c != dropped).boxed().toList();
            // the same tracing as pruning: what the plan without this channel keeps, and so what it drops
            Map<String, int[]> kept = keptChannels(groups, new PruningPlan(Map.of(group.id(), others)));
            Map<String, int[][]> owned = new LinkedHashMap<>();
            for (Layer layer : groups.network().layers()) {
                for (String name : parametersOf(layer, specs)) {
                    int[][] removed = removed(keptIndices(groups.network(), kept, layer,
                            name.substring(layer.id().length() + 1), specs.get(name)), specs.get(name));
                    if (removed != null) {
                        owned.put(name, removed);
                    }
                }
            }
            channels.add(owned);
        }
        return channels;
    }

    /** The complement of kept indices on each axis, or null if nothing is removed. */
    private static int[][] removed(int[][] keep, Shape shape) {
        int[][] removed = new int[keep.length][];
        boolean any = false;
        for (int a = 0; a < keep.length; a++) {
            if (keep[a] != null) {
                boolean[] stays = new boolean[(int) shape.get(a)];
                for (int i : keep[a]) {
                    stays[i] = true;
                }
                removed[a] = IntStream.range(0, stays.length).filter(i -> !stays[i]).toArray();
                any |= removed[a].length > 0;
            }
        }
        return any ? removed : null;
    }

    /** A layer's parameters: its id and a role without dots ("s1.b1" is not "s1.b1.conv1"'s layer). */
    private static List<String> parametersOf(Layer layer, Map<String, Shape> specs) {
        return specs.keySet().stream().filter(name -> name.startsWith(layer.id() + ".")
                && name.indexOf('.', layer.id().length() + 1) < 0).toList();
    }

    /**
     * The original indices of the channels (or, after a flatten, the features) of every layer's output that
     * the plan keeps, following the graph: a convolution keeps its group's channels, a depthwise one and
     * every layer without parameters over channels those of its input, a concatenation those of its inputs
     * side by side, a flatten each kept channel's block of features, a linear layer all its own.
     */
    private static Map<String, int[]> keptChannels(ChannelGroups groups, PruningPlan plan) {
        Network network = groups.network();
        Map<String, List<Integer>> shapes = network.shapes();
        Map<String, int[]> kept = new HashMap<>();
        kept.put(Network.INPUT, all(shapes.get(Network.INPUT).get(0)));
        for (Layer layer : network.layers()) {
            kept.put(layer.id(), keptChannels(groups, plan, layer, shapes, kept));
        }
        return kept;
    }

    private static int[] keptChannels(ChannelGroups groups, PruningPlan plan, Layer layer,
            Map<String, List<Integer>> shapes, Map<String, int[]> kept) {
        String in = layer.inputs().get(0);
        int[] input = kept.get(in);
        switch (layer.op()) {
            case Op.Conv2d c -> {
                return c.isDepthwise(shapes.get(in).get(0)) ? input
                        : groups.groupOf(layer.id()).map(g -> ints(plan.keptOf(g))).orElseGet(() -> all(c.filters()));
            }
            case Op.Concat c -> {
                List<Integer> joined = new ArrayList<>();
                int offset = 0;
                for (String source : layer.inputs()) {
                    for (int channel : kept.get(source)) {
                        joined.add(offset + channel);
                    }
                    offset += shapes.get(source).get(0);
                }
                return ints(joined);
            }
            case Op.Flatten f -> {
                List<Integer> map = shapes.get(in);
                int per = map.size() == 3 ? map.get(1) * map.get(2) : 1;
                int[] features = new int[input.length * per];
                for (int i = 0; i < input.length; i++) {
                    for (int s = 0; s < per; s++) {
                        features[i * per + s] = input[i] * per + s;
                    }
                }
                return features;
            }
            case Op.Linear l -> {
                return all(l.units());
            }
            default -> {
                return input;
            }
        }
    }

    /** For each axis of a parameter, the indices to keep (null: all). */
    private static int[][] keptIndices(Network network, Map<String, int[]> kept, Layer layer, String role,
            Shape shape) {
        int[][] keep = new int[shape.dimension()][];
        int[] input = kept.get(layer.inputs().get(0));
        switch (layer.op()) {
            case Op.Conv2d c -> {
                keep[0] = kept.get(layer.id());
                // a grouped convolution's weight has a filter's share of the input (its input is never pruned)
                if (role.equals(ParameterSpecs.WEIGHT) && c.groups() == 1) {
                    keep[1] = input;
                }
            }
            case Op.BatchNorm2d b -> keep[0] = input;
            case Op.Linear l -> {
                if (role.equals(ParameterSpecs.WEIGHT)) {
                    keep[1] = input;
                }
            }
            default -> throw new IllegalStateException("layer " + layer.id() + " of " + network.name()
                    + " has no parameters");
        }
        for (int a = 0; a < keep.length; a++) {
            if (keep[a] != null && isEveryIndex(keep[a], shape.get(a))) {
                keep[a] = null; // copied whole rows at once
            }
        }
        return keep;
    }

    private static boolean isEveryIndex(int[] indices, long size) {
        if (indices.length != size) {
            return false;
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static int[] all(int count) {
        return IntStream.range(0, count).toArray();
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
