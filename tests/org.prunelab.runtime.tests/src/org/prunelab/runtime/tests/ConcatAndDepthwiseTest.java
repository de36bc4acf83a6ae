package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Channel concatenation and grouped convolution: groups follow a concatenation's slices and pass through
 * a depthwise convolution, surgery keeps exactly what it keeps, and a grouped convolution computes what
 * its groups computed apart.
 */
class ConcatAndDepthwiseTest extends RuntimeTestCase {

    /**
     * The fixture script's concat-dw network: a stem, two branches concatenated (8 + 4 channels), a
     * depthwise-separable block (depthwise 3×3 with stride 2, pointwise 1×1) and a two-layer MLP head.
     */
    static Network concatDepthwise() {
        return new Network("concat-dw", List.of(1, 28, 28), List.of(
                Layer.of("stem.conv", new Op.Conv2d(8, 3, 1, 1, false), Network.INPUT),
                Layer.of("stem.bn", bn(), "stem.conv"),
                Layer.of("stem.relu", new Op.Relu6(), "stem.bn"),
                Layer.of("left.conv", new Op.Conv2d(8, 3, 1, 1, false), "stem.relu"),
                Layer.of("left.bn", bn(), "left.conv"),
                Layer.of("left.relu", new Op.Relu(), "left.bn"),
                Layer.of("right.conv", new Op.Conv2d(4, 1, 1, 0, false), "stem.relu"),
                Layer.of("right.bn", bn(), "right.conv"),
                Layer.of("right.relu", new Op.Relu(), "right.bn"),
                new Layer("cat", new Op.Concat(), List.of("left.relu", "right.relu")),
                Layer.of("dw.conv", new Op.Conv2d(12, 3, 2, 1, false, 12), "cat"),
                Layer.of("dw.bn", bn(), "dw.conv"),
                Layer.of("dw.silu", new Op.Silu(), "dw.bn"),
                Layer.of("pw.conv", new Op.Conv2d(16, 1, 1, 0, false), "dw.silu"),
                Layer.of("pw.bn", bn(), "pw.conv"),
                Layer.of("pw.relu", new Op.Relu(), "pw.bn"),
                Layer.of("pool", new Op.GlobalAvgPool(), "pw.relu"),
                Layer.of("flatten", new Op.Flatten(), "pool"),
                Layer.of("fc1", new Op.Linear(32, true), "flatten"),
                Layer.of("fc1.relu", new Op.Relu(), "fc1"),
                Layer.of("drop", new Op.Dropout(0.2), "fc1.relu"),
                Layer.of("fc2", new Op.Linear(10, true), "drop")));
    }

    private static Op.BatchNorm2d bn() {
        return new Op.BatchNorm2d(1e-5, 0.1);
    }

    @Test
    void groupsFollowTheConcatenationsSlicesThroughTheDepthwiseConvolution() {
        Network network = concatDepthwise();
        assertEquals(List.of(12, 14, 14), network.shapes().get("dw.conv"));
        ChannelGroups groups = ChannelGroups.of(network);
        assertEquals(List.of("stem.conv", "left.conv", "right.conv", "pw.conv"),
                groups.groups().stream().map(ChannelGroup::id).toList());
        assertTrue(groups.groups().stream().allMatch(ChannelGroup::prunable));
        assertEquals(List.of("left.conv", "right.conv"), groups.group("stem.conv").orElseThrow().consumers());
        for (String branch : List.of("left", "right")) {
            ChannelGroup group = groups.group(branch + ".conv").orElseThrow();
            assertEquals(List.of(branch + ".bn", "dw.bn"), group.normalizations(), branch);
            assertEquals(List.of("dw.conv"), group.depthwise(), branch);
            assertEquals(List.of("pw.conv"), group.consumers(), branch);
        }
        assertEquals(List.of("fc1"), groups.group("pw.conv").orElseThrow().consumers());
        // a concatenation holds two groups' channels, and so does what the depthwise block passes on
        assertTrue(groups.groupOf("cat").isEmpty());
        assertTrue(groups.groupOf("dw.silu").isEmpty());
        assertEquals("left.conv", groups.groupOf("left.relu").orElseThrow().id());
    }

    @Test
    void aChannelOwnsItsFiltersItsNormsAndItsSliceOfEveryReaderThroughTheConcatenation() {
        ChannelGroups groups = ChannelGroups.of(concatDepthwise());
        // channel 1 of the right branch is channel 8 + 1 of the concatenation
        Map<String, int[][]> owned = Surgeon.ownedBy(groups, groups.group("right.conv").orElseThrow()).get(1);
        assertEquals(List.of("right.conv.weight", "right.bn.gamma", "right.bn.beta", "right.bn.runningMean",
                "right.bn.runningVar", "dw.conv.weight", "dw.bn.gamma", "dw.bn.beta", "dw.bn.runningMean",
                "dw.bn.runningVar", "pw.conv.weight"), List.copyOf(owned.keySet()));
        assertArrayEquals(new int[] {1}, owned.get("right.conv.weight")[0]);
        assertNull(owned.get("right.conv.weight")[1], "the branch's input is the stem's, kept whole");
        assertArrayEquals(new int[] {1}, owned.get("right.bn.gamma")[0]);
        assertArrayEquals(new int[] {9}, owned.get("dw.conv.weight")[0], "the depthwise filter of channel 9");
        assertArrayEquals(new int[] {9}, owned.get("dw.bn.beta")[0]);
        assertNull(owned.get("pw.conv.weight")[0], "the pointwise convolution keeps its filters");
        assertArrayEquals(new int[] {9}, owned.get("pw.conv.weight")[1], "and loses its input 9");
        // the stem's channel 3 is read by both branches
        Map<String, int[][]> stem = Surgeon.ownedBy(groups, groups.group("stem.conv").orElseThrow()).get(3);
        assertArrayEquals(new int[] {3}, stem.get("left.conv.weight")[1]);
        assertArrayEquals(new int[] {3}, stem.get("right.conv.weight")[1]);
    }

    @Test
    void keptChannelsComputeWhatTheyDidBeforeThroughTheConcatenation() {
        Network network = concatDepthwise();
        PruningPlan plan = new PruningPlan(Map.of("left.conv", List.of(0, 2, 5), "right.conv", List.of(1, 3)));
        try (NetworkModel model = NetworkModel.initialize(network, manager, 2);
                NetworkModel pruned = Surgeon.apply(model, plan, manager);
                NDManager batch = manager.newSubManager()) {
            assertEquals(new Op.Conv2d(5, 3, 2, 1, false, 5), pruned.network().layer("dw.conv").orElseThrow().op());
            assertEquals(List.of(5, 14, 14), pruned.network().shapes().get("dw.silu"));
            NDArray x = SurgeryTest.input(batch, network, 3);
            Set<String> taps = Set.of("cat", "dw.conv", "dw.bn", "dw.silu");
            var before = Executor.run(model, x, false, taps, Set.of()).outputs();
            var after = Executor.run(pruned, x, false, taps, Set.of()).outputs();
            // left's 0, 2, 5 at 0..7 of the concatenation, right's 1, 3 at 8..11
            NDArray index = batch.create(new long[] {0, 2, 5, 9, 11});
            for (String tap : taps) {
                assertArrayEquals(before.get(tap).get(new NDIndex(":, {}", index)).toFloatArray(),
                        after.get(tap).toFloatArray(), 0f, tap);
            }
        }
    }

    @Test
    void pruningSilentChannelsChangesNoLogit() {
        Network network = concatDepthwise();
        Map<String, List<Integer>> kept = Map.of("stem.conv", SurgeryTest.range(0, 8, 2), "left.conv",
                List.of(1, 4, 6, 7), "right.conv", List.of(0, 2), "pw.conv", SurgeryTest.range(1, 16, 3));
        // the batch norms' channels that the plan removes: γ = β = 0 there makes them output exactly 0
        Map<String, List<Integer>> silent = Map.of("stem.bn", List.of(1, 3, 5, 7), "left.bn", List.of(0, 2, 3, 5),
                "right.bn", List.of(1, 3), "dw.bn", List.of(0, 2, 3, 5, 9, 11), "pw.bn",
                SurgeryTest.range(0, 16, 1).stream().filter(c -> (c - 1) % 3 != 0).toList());
        try (NetworkModel model = NetworkModel.initialize(network, manager, 5);
                NDManager batch = manager.newSubManager()) {
            Map<String, NDArray> parameters = new HashMap<>(model.parameters());
            silent.forEach((bn, channels) -> {
                for (String role : List.of(ParameterSpecs.GAMMA, ParameterSpecs.BETA)) {
                    float[] values = model.parameter(bn + "." + role).toFloatArray();
                    channels.forEach(c -> values[c] = 0);
                    parameters.put(bn + "." + role, model.manager().create(values));
                }
            });
            NetworkModel quiet = NetworkModel.of(network, model.manager().newSubManager(), parameters);
            try (NetworkModel pruned = Surgeon.apply(quiet, new PruningPlan(kept), manager)) {
                NDArray x = SurgeryTest.input(batch, network, 2);
                assertArrayEquals(Executor.logits(quiet, x, false).toFloatArray(),
                        Executor.logits(pruned, x, false).toFloatArray(), 1e-5f);
                // the depthwise convolution's weight [12, 1, 3, 3] keeps the 6 channels left
                assertEquals(6 * 9, pruned.parameter("dw.conv.weight").size());
                assertTrue(Complexity.of(pruned.network()).macs() < Complexity.of(network).macs() / 2);
            }
        }
    }

    @Test
    void aGroupedConvolutionComputesWhatItsGroupsComputeApart() {
        Network grouped = new Network("grouped", List.of(4, 6, 6), List.of(
                Layer.of("conv", new Op.Conv2d(6, 3, 1, 1, true, 2), Network.INPUT),
                Layer.of("flatten", new Op.Flatten(), "conv"), Layer.of("fc", new Op.Linear(3, false), "flatten")));
        try (NetworkModel model = NetworkModel.initialize(grouped, manager, 7);
                NDManager batch = manager.newSubManager()) {
            NDArray x = SurgeryTest.input(batch, grouped, 2);
            NDArray out = Executor.run(model, x, false, Set.of("conv"), Set.of()).outputs().get("conv");
            NDArray weight = model.parameter("conv.weight");
            NDArray bias = model.parameter("conv.bias");
            // filters 0..2 read input channels 0..1, filters 3..5 channels 2..3
            NDList halves = new NDList();
            for (int g = 0; g < 2; g++) {
                halves.add(ai.djl.nn.convolutional.Conv2d.conv2d(x.get(new NDIndex(":, {}:{}", 2 * g, 2 * g + 2)),
                        weight.get(new NDIndex("{}:{}", 3 * g, 3 * g + 3)), bias.get(new NDIndex("{}:{}", 3 * g, 3 * g + 3)),
                        new ai.djl.ndarray.types.Shape(1, 1), new ai.djl.ndarray.types.Shape(1, 1),
                        new ai.djl.ndarray.types.Shape(1, 1), 1).singletonOrThrow());
            }
            assertArrayEquals(NDArrays.concat(halves, 1).toFloatArray(), out.toFloatArray(), 1e-6f);
            assertEquals(6 * 2 * 9 + 6 + 6 * 36 * 3, Complexity.of(grouped).parameters());
            // removing a channel would reshuffle which inputs each filter reads: neither side prunes
            ChannelGroups groups = ChannelGroups.of(grouped);
            assertFalse(groups.group("conv").orElseThrow().prunable());
        }
    }
}
