package org.prunelab.runtime.surgery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * The channel-dependency groups of a network, derived from its graph: a convolution starts a group;
 * batch norm, activations, pooling and dropout keep their input's group; an addition merges the groups
 * of all its inputs; a flatten maps each channel of its group to that channel's H·W block of features.
 */
public final class ChannelGroups {

    private final Network network;
    private final List<ChannelGroup> groups;
    /** Group index of every channel-bearing tensor (layer output, or the input). */
    private final Map<String, Integer> groupOfTensor;
    /** For each flatten layer: H·W of its input, the features per channel. */
    private final Map<String, Integer> featuresPerChannel;

    private ChannelGroups(Network network, List<ChannelGroup> groups, Map<String, Integer> groupOfTensor,
            Map<String, Integer> featuresPerChannel) {
        this.network = network;
        this.groups = groups;
        this.groupOfTensor = groupOfTensor;
        this.featuresPerChannel = featuresPerChannel;
    }

    /**
     * Derives the groups of a network.
     *
     * @param network a valid network
     * @return its groups
     */
    public static ChannelGroups of(Network network) {
        Map<String, List<Integer>> shapes = network.shapes();
        UnionFind sets = new UnionFind();
        Map<String, Integer> tensor = new LinkedHashMap<>();
        Map<String, Integer> perChannel = new HashMap<>();
        int inputSet = sets.add();
        tensor.put(Network.INPUT, inputSet);
        for (Layer layer : network.layers()) {
            String in = layer.inputs().get(0);
            switch (layer.op()) {
                case Op.Conv2d c -> tensor.put(layer.id(), sets.add());
                case Op.Add a -> {
                    int first = tensor.get(in);
                    for (String other : layer.inputs()) {
                        sets.union(first, tensor.get(other));
                    }
                    tensor.put(layer.id(), first);
                }
                case Op.Flatten f -> {
                    List<Integer> s = shapes.get(in);
                    perChannel.put(layer.id(), s.get(1) * s.get(2));
                }
                case Op.Linear l -> {
                    // a linear layer's features are not prunable here: no group
                }
                default -> {
                    Integer group = tensor.get(in);
                    if (group != null) {
                        tensor.put(layer.id(), group);
                    }
                }
            }
        }
        // collect the members of each set
        Map<Integer, List<String>> producers = new LinkedHashMap<>();
        Map<Integer, List<String>> norms = new HashMap<>();
        Map<Integer, List<String>> consumers = new HashMap<>();
        Map<Integer, Boolean> blocked = new HashMap<>();
        blocked.put(sets.find(inputSet), true);
        for (Layer layer : network.layers()) {
            Integer own = tensor.containsKey(layer.id()) ? sets.find(tensor.get(layer.id())) : null;
            String in = layer.inputs().get(0);
            switch (layer.op()) {
                case Op.Conv2d c -> {
                    producers.computeIfAbsent(own, k -> new ArrayList<>()).add(layer.id());
                    consumers.computeIfAbsent(sets.find(tensor.get(in)), k -> new ArrayList<>()).add(layer.id());
                }
                case Op.BatchNorm2d b -> norms.computeIfAbsent(own, k -> new ArrayList<>()).add(layer.id());
                case Op.Linear l -> {
                    Layer source = network.layer(in).orElse(null);
                    if (source != null && source.op() instanceof Op.Flatten) {
                        int group = sets.find(tensor.get(source.inputs().get(0)));
                        consumers.computeIfAbsent(group, k -> new ArrayList<>()).add(layer.id());
                    }
                }
                default -> {
                    // no parameters over channels
                }
            }
        }
        List<ChannelGroup> groups = new ArrayList<>();
        Map<Integer, Integer> indexOfSet = new HashMap<>();
        for (Map.Entry<Integer, List<String>> entry : producers.entrySet()) {
            int set = entry.getKey();
            String first = entry.getValue().get(0);
            int channels = shapes.get(first).get(0);
            indexOfSet.put(set, groups.size());
            groups.add(new ChannelGroup(first, channels, entry.getValue(), norms.getOrDefault(set, List.of()),
                    consumers.getOrDefault(set, List.of()), !blocked.getOrDefault(set, false)));
        }
        Map<String, Integer> groupOfTensor = new HashMap<>();
        tensor.forEach((id, set) -> {
            Integer index = indexOfSet.get(sets.find(set));
            if (index != null) {
                groupOfTensor.put(id, index);
            }
        });
        return new ChannelGroups(network, List.copyOf(groups), groupOfTensor, perChannel);
    }

    /**
     * The network the groups were derived from.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * All groups, in the order of their first producer.
     *
     * @return the groups
     */
    public List<ChannelGroup> groups() {
        return groups;
    }

    /**
     * The groups whose channels can be removed, as plans and sensitivity list them.
     *
     * @return the prunable groups, in the order of their first producer
     */
    public List<ChannelGroup> prunable() {
        return groups.stream().filter(ChannelGroup::prunable).toList();
    }

    /**
     * A group by id.
     *
     * @param id the id of its first producer
     * @return the group, or empty if none has that id
     */
    public Optional<ChannelGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /**
     * The group of a layer's output channels (a conv's filters, or the channels a batch norm, activation
     * or addition passes on).
     *
     * @param layerId a layer id, or {@link Network#INPUT}
     * @return the group, or empty if the output has no group (the input, flattened features, logits)
     */
    public Optional<ChannelGroup> groupOf(String layerId) {
        Integer index = groupOfTensor.get(layerId);
        return index == null ? Optional.empty() : Optional.of(groups.get(index));
    }

    /**
     * How many features a flatten layer makes of each channel of its input.
     *
     * @param flattenId a flatten layer
     * @return H·W of its input
     */
    int featuresPerChannel(String flattenId) {
        return featuresPerChannel.get(flattenId);
    }

    /** Disjoint sets of integers with path halving. */
    private static final class UnionFind {
        private final List<Integer> parent = new ArrayList<>();

        int add() {
            parent.add(parent.size());
            return parent.size() - 1;
        }

        int find(int x) {
            while (parent.get(x) != x) {
                parent.set(x, parent.get(parent.get(x)));
                x = parent.get(x);
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent.set(Math.max(ra, rb), Math.min(ra, rb));
            }
        }
    }
}
