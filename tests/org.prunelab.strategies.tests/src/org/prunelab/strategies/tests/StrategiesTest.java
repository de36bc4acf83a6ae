package org.prunelab.strategies.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * The built-in strategies on the small VGG (32-32-64-64) with importances chosen so that the expected
 * plans are known: in every layer, channel c has importance c (so the last channels are kept), except
 * conv2, whose importances are 10 times smaller than the others' ranks suggest after normalisation.
 */
class StrategiesTest {

    private static NDManager manager;
    private static StrategyRegistry registry;
    private static NetworkModel model;

    @BeforeAll
    static void open() throws InterruptedException {
        manager = service(ModelRuntime.class).newManager();
        registry = service(StrategyRegistry.class);
        Network network = Architectures.smallVgg("vgg", List.of(1, 28, 28), List.of(32, 32, 64, 64), 10);
        model = NetworkModel.initialize(network, manager, 1);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    static <S> S service(Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(StrategiesTest.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(30_000);
        assertNotNull(service, type.getSimpleName());
        return service;
    }

    /** Channel c of every layer scores c + 1; conv2's are squared, so after normalisation most are small. */
    static FilterScores ascending() {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String conv : List.of("conv1", "conv2", "conv3", "conv4")) {
            int n = conv.equals("conv1") || conv.equals("conv2") ? 32 : 64;
            double[] s = new double[n];
            for (int c = 0; c < n; c++) {
                s[c] = conv.equals("conv2") ? (c + 1) * (c + 1) : c + 1;
            }
            scores.put(conv, s);
        }
        return new FilterScores("test", true, scores);
    }

    private static PruningPlan plan(String strategy, String settings, int minChannels) {
        PlanningContext context = PlanningContext.of(model, ascending(), minChannels);
        return Planning.plan(Planning.request(registry, strategy, JsonParser.parseString(settings)), context, null);
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void uniformRatioKeepsTheTopOfEveryLayer() {
        PruningPlan plan = plan("org.prunelab.strategies.uniform", "{\"ratio\": 0.25}", 1);
        assertEquals(range(8, 32), plan.kept().get("conv1"));
        assertEquals(range(8, 32), plan.kept().get("conv2"));
        assertEquals(range(16, 64), plan.kept().get("conv3"));
        assertEquals(range(16, 64), plan.kept().get("conv4"));
    }

    @Test
    void globalThresholdRemovesTheLowestNormalisedScoresAcrossLayers() {
        // normalised, conv2's channel c scores ((c+1)/32)², below the linear (c+1)/n of the other layers:
        // removing 96 of the 192 channels takes more from conv2 than from the others
        PruningPlan plan = plan("org.prunelab.strategies.global", "{\"ratio\": 0.5}", 1);
        int total = 0;
        for (List<Integer> kept : plan.kept().values()) {
            total += kept.size();
        }
        assertEquals(96, total);
        assertTrue(plan.kept().get("conv2").size() < plan.kept().get("conv1").size(), plan.kept().toString());
        // within a layer the most important channels stay
        List<Integer> conv3 = plan.kept().get("conv3");
        assertEquals(range(64 - conv3.size(), 64), conv3);
    }

    @Test
    void targetParametersReachesTheTargetWithTheSmallestRatio() {
        long original = Complexity.of(model.network()).parameters();
        PlanningContext context = PlanningContext.of(model, ascending(), 1);
        PruningPlan plan = plan("org.prunelab.strategies.targetParameters", "{\"keep\": 0.5}", 1);
        long after = context.complexityAfter(plan).parameters();
        assertTrue(after <= original / 2, after + " > " + original / 2);
        assertTrue(after > original * 0.45, "not pruned much further than needed: " + after);
        PruningPlan flops = plan("org.prunelab.strategies.targetFlops", "{\"keep\": 0.3}", 1);
        long macs = context.complexityAfter(flops).macs();
        long originalMacs = Complexity.of(model.network()).macs();
        assertTrue(macs <= originalMacs * 0.3 && macs > originalMacs * 0.25, macs + " of " + originalMacs);
    }

    @Test
    void aChannelsCostIsWhatRemovingItSavesRelativeToTheMeanOverTheLayers() {
        // 1 × 28 × 28 → conv1 (32, 3 × 3), conv2 (32), pool, conv3 (64), conv4 (64), pool, linear on 64 × 7 × 7
        PlanningContext context = PlanningContext.of(model, ascending(), 1);
        double conv1 = 9 + 2 + 32 * 9; // its filter, γ and β, its input slice of conv2
        double conv2 = 32 * 9 + 2 + 64 * 9;
        double conv3 = 32 * 9 + 2 + 64 * 9;
        double conv4 = 64 * 9 + 2 + 10 * 49; // the linear layer reads 7 × 7 features of each channel
        double mean = (conv1 + conv2 + conv3 + conv4) / 4;
        Map<String, Double> savings = context.savings(Complexity::parameters);
        assertEquals(List.of("conv1", "conv2", "conv3", "conv4"), List.copyOf(savings.keySet()));
        assertArrayEquals(new double[] {conv1 / mean, conv2 / mean, conv3 / mean, conv4 / mean},
                savings.values().stream().mapToDouble(Double::doubleValue).toArray(), 1e-12);
    }

    @Test
    void rankingPerParameterSavedSparesTheCheapFirstLayer() {
        long original = Complexity.of(model.network()).parameters();
        PlanningContext context = PlanningContext.of(model, ascending(), 1);
        PruningPlan normalised = plan("org.prunelab.strategies.targetParameters", "{\"keep\": 0.5}", 1);
        PruningPlan perCost = plan("org.prunelab.strategies.targetParametersPerCost", "{\"keep\": 0.5}", 1);
        long after = context.complexityAfter(perCost).parameters();
        assertTrue(after <= original / 2 && after > original * 0.45, after + " of " + original);
        ChannelGroup conv1 = context.groups().group("conv1").orElseThrow();
        assertTrue(perCost.keptOf(conv1).size() > normalised.keptOf(conv1).size(),
                "conv1 keeps " + perCost.keptOf(conv1).size() + " per cost, " + normalised.keptOf(conv1).size()
                        + " by normalised importance");
    }

    @Test
    void anUnreachableTargetIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan("org.prunelab.strategies.targetParameters", "{\"keep\": 0.01}", 8));
        assertTrue(e.getMessage().startsWith("parameters cannot fall to 1.0 %: keeping 8 channels in every layer "
                + "leaves"), e.getMessage());
    }

    @Test
    void everyLayerKeepsTheMinimum() {
        PruningPlan plan = plan("org.prunelab.strategies.uniform", "{\"ratio\": 0.99}", 4);
        for (List<Integer> kept : plan.kept().values()) {
            assertEquals(4, kept.size());
        }
        PruningPlan global = plan("org.prunelab.strategies.global", "{\"ratio\": 0.99}", 4);
        for (List<Integer> kept : global.kept().values()) {
            assertTrue(kept.size() >= 4);
        }
    }

    @Test
    void layerSharesRemoveEachLayersShareOfItsLeastImportantChannels() {
        PruningPlan plan = plan("org.prunelab.strategies.layerShares",
                "{\"shares\": {\"conv1\": 0.25, \"conv4\": 0.5}}", 1);
        assertEquals(range(8, 32), plan.kept().get("conv1"));
        assertEquals(range(0, 32), plan.kept().get("conv2"), "a layer not named keeps all");
        assertEquals(range(32, 64), plan.kept().get("conv4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan("org.prunelab.strategies.layerShares", "{\"shares\": {\"conv9\": 0.5}}", 1));
        assertTrue(e.getMessage().contains("'conv9' is not a prunable layer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> plan("org.prunelab.strategies.layerShares", "{\"shares\": {\"conv2\": 0.9}}", 4));
        assertTrue(e.getMessage().contains("keeps 3 channels of 'conv2'; every layer keeps at least 4"), e.getMessage());
    }

    @Test
    void keepSelectionKeepsExactlyTheSelection() {
        PruningPlan plan = plan("org.prunelab.strategies.keepSelection",
                "{\"kept\": {\"conv2\": [3, 1, 4], \"conv4\": [0, 63]}}", 1);
        assertEquals(List.of(1, 3, 4), plan.kept().get("conv2"));
        assertEquals(List.of(0, 63), plan.kept().get("conv4"));
        assertEquals(32, plan.keptOf(ChannelGroups.of(model.network()).group("conv1")
                .orElseThrow()).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan("org.prunelab.strategies.keepSelection", "{\"kept\": {\"conv9\": [1]}}", 1));
        assertTrue(e.getMessage().contains("'conv9'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> plan("org.prunelab.strategies.keepSelection", "{\"kept\": {\"conv2\": []}}", 1));
        assertTrue(e.getMessage().contains("keeps 0 channels of 'conv2'"), e.getMessage());
    }

    /**
     * Curves over 10 … 90 %: each step of 10 % costs conv1 5 points, conv2 0.1, conv3 1 and conv4 0.3.
     * Per removed channel conv2 (0.1 / 3.2 channels) is cheapest, then conv4 (0.3 / 6.4); with a budget of
     * one point, conv2 goes to 90 % (0.9 points) and then nothing else fits.
     */
    static SensitivityCurves curves() {
        List<Double> ratios = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        double[] perStep = {0.05, 0.001, 0.01, 0.003};
        String[] groups = {"conv1", "conv2", "conv3", "conv4"};
        for (int g = 0; g < 4; g++) {
            List<Double> curve = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                curve.add(0.9 - perStep[g] * i);
            }
            accuracy.put(groups[g], curve);
        }
        return new SensitivityCurves("test", ratios, 0.9, accuracy, 1000);
    }

    @Test
    void targetAccuracyAllocatesFromTheCurvesAndBacksOffOnMeasurement() {
        PlanningContext context = PlanningContext.of(model, ascending(), 1);
        Planning.Request request = Planning.request(registry, "org.prunelab.strategies.targetAccuracy",
                JsonParser.parseString("{\"maxDrop\": 0.01}"));
        PruningPlan predicted = Planning.plan(request, context.withAccuracy(curves(), null), null);
        assertEquals(3, predicted.kept().get("conv2").size());
        assertEquals(List.of(32, 64, 64), List.of(predicted.kept().get("conv1").size(),
                predicted.kept().get("conv3").size(), predicted.kept().get("conv4").size()));
        // measured: the network loses 5 points unless conv2 keeps at least 10 channels (a 70 % ratio)
        PruningPlan checked = Planning.plan(request, context.withAccuracy(curves(),
                plan -> plan.kept().get("conv2").size() >= 10 ? 0.9 : 0.85), null);
        assertEquals(10, checked.kept().get("conv2").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planning.plan(request,
                context, null));
        assertTrue(e.getMessage().startsWith("a target accuracy needs the layers' sensitivity"), e.getMessage());
        // measured below the curves' base even unpruned (88 %, pruned 85 %): the goal is out of reach, and the
        // message says how close the plans came
        IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class, () -> Planning.plan(
                request, context.withAccuracy(curves(), plan -> plan.kept().get("conv2").size() == 32 ? 0.88 : 0.85),
                null));
        assertEquals("no pruning stays within 1.0 points of the base accuracy (90.0 %): the closest plan tried loses "
                + "2.0 points", unreachable.getMessage());
    }

    @Test
    void aSensitivityAwareTargetPrunesWhereAccuracyIsCheapestPerParameter() {
        // per 10 % step conv2 loses 0.1 points for 3.2 channels of 866 parameters each: the cheapest, to 90 %
        // (3 channels left, 71,440 parameters); then conv4 (0.3 points for 6.4 channels of 1,068); at 60 % it
        // keeps 38 and the network 43,672 ≤ 48,277 parameters, where 70 % (45 channels) left 51,148
        PlanningContext context = PlanningContext.of(model, ascending(), 1);
        Planning.Request request = Planning.request(registry, "org.prunelab.strategies.sensitivityParameters",
                JsonParser.parseString("{\"keep\": 0.5, \"step\": 0.1}"));
        PruningPlan plan = Planning.plan(request, context.withAccuracy(curves(), null), null);
        assertEquals(List.of(32, 3, 64, 38), List.of(plan.kept().get("conv1").size(), plan.kept().get("conv2").size(),
                plan.kept().get("conv3").size(), plan.kept().get("conv4").size()));
        assertEquals(43_672, context.complexityAfter(plan).parameters());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planning.plan(request,
                context, null));
        assertTrue(e.getMessage().startsWith("a sensitivity-aware target of parameters needs the layers' sensitivity"),
                e.getMessage());
    }

    @Test
    void sensitivityPredictsDropsByInterpolation() {
        SensitivityCurves curves = curves();
        assertEquals(0, curves.drop("conv1", 0), 1e-12);
        assertEquals(0.025, curves.drop("conv1", 0.05), 1e-12);
        assertEquals(0.05 * 3, curves.drop("conv1", 0.3), 1e-12);
        assertEquals(0.05 * 9, curves.drop("conv1", 0.95), 1e-12);
    }

    @Test
    void residualGroupsAverageTheirConvolutionsScores() {
        try (NetworkModel resnet = NetworkModel.initialize(Architectures.resnet20(10), manager, 1)) {
            Map<String, double[]> scores = new LinkedHashMap<>();
            resnet.network().layersOf(Op.Conv2d.class).forEach(l -> {
                int n = ((Op.Conv2d) l.op()).filters();
                double[] s = new double[n];
                // the stem prefers high channels, the block convs low ones: the group mean decides
                for (int c = 0; c < n; c++) {
                    s[c] = l.id().equals("stem.conv") ? c + 1 : n - c;
                }
                scores.put(l.id(), s);
            });
            PlanningContext context = PlanningContext.of(resnet, new FilterScores("t", true, scores), 1);
            double[] stage1 = context.importance().get("stem.conv");
            // channel 0: (1/16 + 3 · 16/16) / 4; channel 15: (16/16 + 3 · 1/16) / 4
            assertEquals((1 / 16.0 + 3) / 4, stage1[0], 1e-12);
            assertEquals((1 + 3 / 16.0) / 4, stage1[15], 1e-12);
        }
    }

    @Test
    void recipesSettingsReadInWordsWithTheirUnits() {
        assertEquals("Kept: 40 % of the parent", registry.describeSettings("org.prunelab.strategies.targetFlops",
                JsonParser.parseString("{\"keep\": 0.4}")));
        assertEquals("Accuracy loss allowed: 1.5 percentage points, Step: 5 % of a layer's channels",
                registry.describeSettings("org.prunelab.strategies.targetAccuracy",
                        JsonParser.parseString("{\"maxDrop\": 0.015, \"step\": 0.05}")));
        // 0.07 is not 7.000000000000001 %; a field the record lacks keeps its JSON
        assertEquals("Share removed: 7 % of each layer's channels, legacy field: true", registry.describeSettings(
                "org.prunelab.strategies.uniform", JsonParser.parseString("{\"ratio\": 0.07, \"legacyField\": true}")));
        // a strategy that is not installed: the JSON as stored
        assertEquals("{\"keep\":0.4}", registry.describeSettings("org.example.gone",
                JsonParser.parseString("{\"keep\": 0.4}")));
        assertEquals("", registry.describeSettings("org.prunelab.strategies.uniform", null));
    }
}
