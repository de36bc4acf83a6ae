package org.prunelab.runtime.surgery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * The channel-dependency groups of a network, derived from its graph: a convolution starts a group;
 * batch norm, activations, pooling, dropout and depthwise convolution keep their input's channels; an
 * addition merges the groups of all its inputs; a concatenation lays its inputs' groups side by side, so
 * that a layer reading it reads a slice of each; a flatten maps each channel to its H·W block of features.
 * Channels that cannot be removed (the network's input, the channels around a grouped convolution that
 * is not depthwise, an addition of differently split inputs) make their group unprunable.
 */
public final class ChannelGroups {

    private final Network network;
    private final List<ChannelGroup> groups;
    /** Group index of every tensor whose channels all belong to one group. */
    private final Map<String, Integer> groupOfTensor;

    private ChannelGroups(Network network, List<ChannelGroup> groups, Map<String, Integer> groupOfTensor) {
        this.network = network;
        this.groups = groups;
        this.groupOfTensor = groupOfTensor;
    }

    /** A run of consecutive channels of a tensor that belong to one set. */
    private record Run(int set, int channels) {
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
        // the channels of every channel-bearing tensor, as runs of sets; flattened features keep their map's
        Map<String, List<Run>> layout = new HashMap<>();
        List<Integer> blocked = new ArrayList<>();
        Map<Integer, List<String>> producers = new LinkedHashMap<>();
        Map<Integer, List<String>> norms = new HashMap<>();
        Map<Integer, List<String>> depthwise = new HashMap<>();
        Map<Integer, List<String>> consumers = new HashMap<>();
        int inputSet = sets.add();
        layout.put(Network.INPUT, List.of(new Run(inputSet, network.inputShape().get(0))));
        blocked.add(inputSet);
        for (Layer layer : network.layers()) {
            String in = layer.inputs().get(0);
            List<Run> input = layout.get(in);
            switch (layer.op()) {
                case Op.Conv2d c -> {
                    if (c.isDepthwise(shapes.get(in).get(0))) {
                        layout.put(layer.id(), input);
                        input.forEach(r -> depthwise.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(layer.id()));
                    } else {
                        int set = sets.add();
                        layout.put(layer.id(), List.of(new Run(set, c.filters())));
                        producers.computeIfAbsent(set, k -> new ArrayList<>()).add(layer.id());
                        input.forEach(r -> consumers.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(layer.id()));
                        if (c.groups() > 1) {
                            // a filter reads a fixed share of the input: removing channels would reshuffle the groups
                            blocked.add(set);
                            input.forEach(r -> blocked.add(r.set()));
                        }
                    }
                }
                case Op.BatchNorm2d b -> {
                    layout.put(layer.id(), input);
                    input.forEach(r -> norms.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(layer.id()));
                }
                case Op.Add a -> {
                    List<List<Run>> all = layer.inputs().stream().map(layout::get).toList();
                    if (all.contains(null)) {
                        // a sum of the features of linear layers: nothing prunable
                        break;
                    }
                    if (all.stream().allMatch(l -> sizes(l).equals(sizes(input)))) {
                        for (List<Run> other : all) {
                            for (int r = 0; r < input.size(); r++) {
                                sets.union(input.get(r).set(), other.get(r).set());
                            }
                        }
                    } else {
                        all.forEach(l -> l.forEach(r -> blocked.add(r.set())));
                    }
                    layout.put(layer.id(), input);
                }
                case Op.Concat c -> layout.put(layer.id(),
                        layer.inputs().stream().flatMap(i -> layout.get(i).stream()).toList());
                case Op.Linear l -> {
                    // a linear layer's own features are not prunable here: its output has no layout
                    if (input != null) {
                        input.forEach(r -> consumers.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(layer.id()));
                    }
                }
                default -> {
                    if (input != null) {
                        layout.put(layer.id(), input);
                    }
                }
            }
        }
        Set<Integer> unprunable = new HashSet<>();
        blocked.forEach(set -> unprunable.add(sets.find(set)));
        Map<Integer, List<String>> byRoot = new LinkedHashMap<>();
        producers.forEach((set, ids) -> byRoot.computeIfAbsent(sets.find(set), k -> new ArrayList<>()).addAll(ids));
        Map<String, Integer> position = new HashMap<>();
        for (Layer layer : network.layers()) {
            position.put(layer.id(), position.size());
        }
        List<ChannelGroup> groups = new ArrayList<>();
        Map<Integer, Integer> indexOfRoot = new HashMap<>();
        for (Map.Entry<Integer, List<String>> entry : byRoot.entrySet()) {
            int root = entry.getKey();
            List<String> members = entry.getValue();
            indexOfRoot.put(root, groups.size());
            groups.add(new ChannelGroup(members.get(0), shapes.get(members.get(0)).get(0), members,
                    members(norms, sets, root, position), members(depthwise, sets, root, position),
                    members(consumers, sets, root, position),
                    !unprunable.contains(root)));
        }
        Map<String, Integer> groupOfTensor = new HashMap<>();
        layout.forEach((id, runs) -> {
            if (shapes.get(id).size() != 3) {
                return; // flattened features are no group's channels
            }
            Integer index = indexOfRoot.get(sets.find(runs.get(0).set()));
            if (index != null && runs.stream().allMatch(r -> sets.find(r.set()) == sets.find(runs.get(0).set()))
                    && sizes(runs).size() == 1) {
                groupOfTensor.put(id, index);
            }
        });
        return new ChannelGroups(network, List.copyOf(groups), groupOfTensor);
    }

    private static List<Integer> sizes(List<Run> runs) {
        return runs.stream().map(Run::channels).toList();
    }

    /** The layers listed under any set whose root is the given one, once each, in execution order. */
    private static List<String> members(Map<Integer, List<String>> bySet, UnionFind sets, int root,
            Map<String, Integer> position) {
        Set<String> ids = new HashSet<>();
        bySet.forEach((set, list) -> {
            if (sets.find(set) == root) {
                ids.addAll(list);
            }
        });
        // sets merged by additions each list their own layers: their union is put back in the network's order
        return ids.stream().sorted(Comparator.comparing(position::get)).toList();
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
     * The group of a layer's output channels (a conv's filters, or the channels a batch norm, activation,
     * depthwise convolution or addition passes on).
     *
     * @param layerId a layer id, or {@link Network#INPUT}
     * @return the group, or empty if the output is not one group's channels (the input, a concatenation,
     *         the features of a linear layer, logits)
     */
    public Optional<ChannelGroup> groupOf(String layerId) {
        Integer index = groupOfTensor.get(layerId);
        return index == null ? Optional.empty() : Optional.of(groups.get(index));
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
