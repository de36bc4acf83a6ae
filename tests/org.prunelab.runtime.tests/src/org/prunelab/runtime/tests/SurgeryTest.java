package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Channel groups and surgery: what is kept computes exactly what it computed before.
 */
class SurgeryTest extends RuntimeTestCase {


    @Test
    void resnetGroupsFollowTheResidualAdditions() {
        ChannelGroups groups = ChannelGroups.of(Architectures.resnet20(10));
        // per stage one residual group, plus the inner conv1 of each of the 3 blocks
        assertEquals(12, groups.groups().size());
        ChannelGroup stage1 = groups.group("stem.conv").orElseThrow();
        assertEquals(List.of("stem.conv", "s1.b1.conv2", "s1.b2.conv2", "s1.b3.conv2"), stage1.producers());
        assertEquals(List.of("stem.bn", "s1.b1.bn2", "s1.b2.bn2", "s1.b3.bn2"), stage1.normalizations());
        assertTrue(stage1.consumers().containsAll(List.of("s1.b1.conv1", "s2.b1.conv1", "s2.b1.down.conv")));
        ChannelGroup stage2 = groups.group("s2.b1.conv2").orElseThrow();
        assertEquals(List.of("s2.b1.conv2", "s2.b1.down.conv", "s2.b2.conv2", "s2.b3.conv2"), stage2.producers());
        ChannelGroup stage3 = groups.group("s3.b1.conv2").orElseThrow();
        assertEquals(List.of("fc"), stage3.consumers().stream().filter(c -> c.equals("fc")).toList());
        assertTrue(groups.groups().stream().allMatch(ChannelGroup::prunable));
        assertEquals(stage1, groups.groupOf("s1.b2.relu2").orElseThrow());
    }

    @Test
    void keepAllSurgeryGivesIdenticalLogits() {
        for (Network network : List.of(NetworkTest.smallVgg(), Architectures.resnet20(10), biasedVgg(),
                Architectures.cifarResnet(14, List.of(1, 28, 28), 10))) {
            try (NetworkModel model = NetworkModel.initialize(network, manager, 1);
                    NetworkModel copy = Surgeon.apply(model, PruningPlan.keepAll(), manager);
                    NDManager batch = manager.newSubManager()) {
                NDArray x = input(batch, network, 3);
                assertArrayEquals(Executor.logits(model, x, false).toFloatArray(),
                        Executor.logits(copy, x, false).toFloatArray(), 0f, network.name());
            }
        }
    }

    /** The demo's VGG with PyTorch's default conv bias, its biases random rather than zero. */
    private static Network biasedVgg() {
        return Architectures.smallVgg("vgg-bias", List.of(1, 28, 28), List.of(32, 32, 64, 64), 10, true);
    }

    /** A copy whose conv biases are random rather than zero, so that slicing them shows. */
    private static NetworkModel withRandomBiases(NetworkModel model) {
        Map<String, NDArray> parameters = new HashMap<>(model.parameters());
        Random random = new Random(9);
        model.parameters().forEach((name, value) -> {
            if (name.startsWith("conv") && name.endsWith("." + ParameterSpecs.BIAS)) {
                float[] values = new float[(int) value.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                parameters.put(name, model.manager().create(values));
            }
        });
        return NetworkModel.of(model.network(), model.manager().newSubManager(), parameters);
    }

    @Test
    void keptChannelsOfAPrunedConvComputeWhatTheyDidBefore() {
        for (Network network : List.of(NetworkTest.smallVgg(), biasedVgg())) {
            keptChannelsComputeWhatTheyDidBefore(network);
        }
    }

    private void keptChannelsComputeWhatTheyDidBefore(Network network) {
        List<Integer> kept = List.of(0, 3, 5, 17, 40, 63);
        PruningPlan plan = new PruningPlan(Map.of("conv3", kept));
        boolean bias = ((Op.Conv2d) network.layer("conv3").orElseThrow().op()).bias();
        try (NetworkModel initialized = NetworkModel.initialize(network, manager, 2);
                NetworkModel model = withRandomBiases(initialized);
                NetworkModel pruned = Surgeon.apply(model, plan, manager);
                NDManager batch = manager.newSubManager()) {
            assertEquals(new Op.Conv2d(6, 3, 1, 1, bias), pruned.network().layer("conv3").orElseThrow().op());
            if (bias) {
                float[] before = model.parameter("conv3.bias").toFloatArray();
                assertArrayEquals(new float[] {before[0], before[3], before[5], before[17], before[40], before[63]},
                        pruned.parameter("conv3.bias").toFloatArray(), 0f, "the kept channels' biases");
            }
            NDArray x = input(batch, model.network(), 4);
            Set<String> taps = Set.of("conv3", "bn3", "relu3");
            var before = Executor.run(model, x, false, taps, Set.of()).outputs();
            var after = Executor.run(pruned, x, false, taps, Set.of()).outputs();
            NDArray index = batch.create(kept.stream().mapToLong(Integer::longValue).toArray());
            for (String tap : taps) {
                NDArray expected = before.get(tap).get(new NDIndex(":, {}", index));
                assertEquals(new Shape(4, 6, 14, 14), after.get(tap).getShape());
                assertArrayEquals(expected.toFloatArray(), after.get(tap).toFloatArray(), 0f, tap);
            }
        }
    }

    @Test
    void pruningChannelsThatAreSilentChangesNoLogit() {
        // Channels whose batch norm has γ = β = 0 output exactly 0 after ReLU: removing them must leave every
        // logit as it was, through convs, the flatten → linear mapping and residual additions alike.
        record Case(Network network, Map<String, List<Integer>> kept) {
        }
        List<Case> cases = List.of(
                new Case(NetworkTest.smallVgg(), Map.of("conv1", range(0, 32, 3), "conv4", range(1, 64, 2))),
                new Case(Architectures.resnet20(10), Map.of("stem.conv", range(0, 16, 2), "s2.b2.conv1",
                        range(0, 32, 4), "s3.b1.conv2", range(5, 64, 1))),
                new Case(Architectures.cifarResnet(14, List.of(1, 28, 28), 10), Map.of("stem.conv", range(1, 16, 3),
                        "s2.b1.conv1", range(0, 32, 2), "s3.b1.conv2", range(0, 60, 1))),
                new Case(biasedVgg(), Map.of("conv2", range(0, 32, 4), "conv4", range(3, 64, 5))));
        for (Case c : cases) {
            PruningPlan plan = new PruningPlan(c.kept());
            try (NetworkModel model = NetworkModel.initialize(c.network(), manager, 5);
                    NDManager batch = manager.newSubManager()) {
                ChannelGroups groups = ChannelGroups.of(c.network());
                Map<String, NDArray> silenced = new HashMap<>(model.parameters());
                for (ChannelGroup group : groups.groups()) {
                    List<Integer> keep = plan.keptOf(group);
                    for (String bn : group.normalizations()) {
                        for (String role : List.of(".gamma", ".beta")) {
                            float[] values = model.parameter(bn + role).toFloatArray();
                            for (int ch = 0; ch < values.length; ch++) {
                                if (!keep.contains(ch)) {
                                    values[ch] = 0;
                                }
                            }
                            silenced.put(bn + role, model.manager().create(values));
                        }
                    }
                }
                NetworkModel silent = NetworkModel.of(c.network(), model.manager().newSubManager(), silenced);
                try (NetworkModel pruned = Surgeon.apply(silent, plan, manager)) {
                    NDArray x = input(batch, c.network(), 2);
                    assertArrayEquals(Executor.logits(silent, x, false).toFloatArray(),
                            Executor.logits(pruned, x, false).toFloatArray(), 1e-4f, c.network().name());
                    assertTrue(Complexity.of(pruned.network()).parameters() < Complexity.of(c.network()).parameters());
                }
            }
        }
    }

    @Test
    void prunedResnetRunsAndIsSmaller() {
        Network resnet = Architectures.resnet20(10);
        Map<String, List<Integer>> kept = new HashMap<>();
        for (ChannelGroup group : ChannelGroups.of(resnet).groups()) {
            kept.put(group.id(), range(0, group.channels(), 2));
        }
        try (NetworkModel model = NetworkModel.initialize(resnet, manager, 3);
                NetworkModel pruned = Surgeon.apply(model, new PruningPlan(kept), manager);
                NDManager batch = manager.newSubManager()) {
            assertEquals(new Shape(2, 10), Executor.logits(pruned, input(batch, resnet, 2), false).getShape());
            assertEquals(List.of(32, 8, 8), pruned.network().shapes().get("s3.b3.add"));
            assertTrue(Complexity.of(pruned.network()).macs() < Complexity.of(resnet).macs() / 3.5);
        }
    }

    @Test
    void aPlanThatWouldEmptyALayerIsRefused() {
        try (NetworkModel model = NetworkModel.initialize(NetworkTest.smallVgg(), manager, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Surgeon.apply(model, new PruningPlan(Map.of("conv2", List.of())), manager));
            assertEquals("the plan keeps no channel of group 'conv2' (layers conv2): that would empty the layer; "
                    + "keep at least one", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Surgeon.apply(model, new PruningPlan(Map.of("conv2", List.of(0, 32))), manager));
            assertEquals("the plan keeps channel 32 of group 'conv2', which has channels 0..31", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Surgeon.apply(model, new PruningPlan(Map.of("fc", List.of(0))), manager));
            assertFalse(e.getMessage().isEmpty());
        }
    }

    static NDArray input(NDManager batch, Network network, int n) {
        List<Integer> s = network.inputShape();
        int size = n * s.get(0) * s.get(1) * s.get(2);
        return batch.create(Inputs.uniform(size, n), new Shape(n, s.get(0), s.get(1), s.get(2)));
    }

    static List<Integer> range(int from, int to, int step) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            values.add(i);
        }
        return values;
    }
}
