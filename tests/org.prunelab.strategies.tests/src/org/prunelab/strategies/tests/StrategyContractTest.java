package org.prunelab.strategies.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.strategies.StrategyDescriptor;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDManager;

/**
 * The contract every installed strategy meets with its default settings, on ResNet-20 with seeded random
 * scores: a deterministic plan that every group survives with at least the minimum, and that surgery
 * turns into a smaller network.
 */
class StrategyContractTest {

    private static NDManager manager;
    private static StrategyRegistry registry;
    /** ResNet-20, and a network PyTorch exported with a concatenation and a depthwise-separable block. */
    private static List<NetworkModel> models;

    @BeforeAll
    static void open() throws InterruptedException {
        manager = StrategiesTest.service(ModelRuntime.class).newManager();
        registry = StrategiesTest.service(StrategyRegistry.class);
        models = List.of(NetworkModel.initialize(Architectures.resnet20(10), manager, 1),
                OnnxImport.load(Path.of("../org.prunelab.runtime.tests/data/torch/concat-dw.onnx"), manager));
    }

    @AfterAll
    static void close() {
        models.forEach(NetworkModel::close);
        manager.close();
    }

    private static PlanningContext context(NetworkModel resnet) {
        return context(resnet, PlanningContext.NO_CEILING);
    }

    private static PlanningContext context(NetworkModel resnet, double maxRemoved) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        Random random = new Random(3);
        resnet.network().layersOf(Op.Conv2d.class).forEach(l -> {
            double[] s = new double[((Op.Conv2d) l.op()).filters()];
            for (int c = 0; c < s.length; c++) {
                s[c] = random.nextDouble();
            }
            scores.put(l.id(), s);
        });
        PlanningContext context = PlanningContext.of(resnet, new FilterScores("random", true, scores), 2, maxRemoved);
        // sensitivity: every group loses 0.2 points per 10 %, so accuracy goals have something to allocate
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (ChannelGroup group : context.prunableGroups()) {
            List<Double> curve = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                curve.add(0.9 - 0.002 * i);
            }
            curves.put(group.id(), curve);
        }
        return context.withAccuracy(new SensitivityCurves("random", List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                0.9), 0.9, curves, 100), plan -> 0.9);
    }

    @TestFactory
    Stream<DynamicTest> everyStrategyPlansDeterministicallyWithinTheMinimum() {
        List<DynamicTest> tests = new ArrayList<>();
        for (StrategyDescriptor strategy : registry.descriptors()) {
            tests.add(dynamicTest(strategy.id(), () -> {
                for (NetworkModel model : models) {
                    Planning.Request request = Planning.request(registry, strategy.id(), null);
                    PlanningContext context = context(model);
                    PruningPlan first = Planning.plan(request, context, null);
                    PruningPlan second = Planning.plan(request, context(model), null);
                    assertEquals(first, second, "deterministic");
                    for (ChannelGroup group : context.prunableGroups()) {
                        int kept = first.keptOf(group).size();
                        assertTrue(kept >= 2 && kept <= group.channels(), group.id() + " keeps " + kept);
                    }
                    try (NetworkModel pruned = Surgeon.apply(model, first, manager)) {
                        assertEquals(model.network().layers().size(), pruned.network().layers().size());
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Every setting has a label for the wizard's form and the recipes shown in the workbench. */
    @TestFactory
    Stream<DynamicTest> everyStrategysSettingsAreLabelled() {
        return registry.descriptors().stream().map(strategy -> dynamicTest(strategy.id(), () -> {
            Record defaults = registry.defaultSettings(strategy).orElseThrow();
            for (RecordComponent component : defaults.getClass().getRecordComponents()) {
                Setting setting = component.getAnnotation(Setting.class);
                assertNotNull(setting, component.getName() + " of " + strategy.id() + " has no @Setting");
                assertFalse(setting.label().isBlank(), component.getName());
            }
        }));
    }

    /**
     * Under a ceiling of 60 % removed per layer, every strategy, pushed hard (90 % of each layer, 10 % of the
     * size kept, a budget of 50 points), plans within it or says the goal is out of reach; none empties a layer.
     */
    @TestFactory
    Stream<DynamicTest> everyStrategyRespectsTheCeilingOnTheShareOfALayerRemoved() {
        Map<String, String> hard = Map.of("ratio", "0.9", "keep", "0.1", "maxDrop", "0.5");
        return registry.descriptors().stream().map(strategy -> dynamicTest(strategy.id(), () -> {
            for (NetworkModel model : models) {
                PlanningContext context = context(model, 0.6);
                Record defaults = registry.defaultSettings(strategy).orElseThrow();
                StringBuilder json = new StringBuilder("{");
                for (RecordComponent component : defaults.getClass().getRecordComponents()) {
                    if (hard.containsKey(component.getName())) {
                        json.append(json.length() > 1 ? "," : "").append('"').append(component.getName())
                                .append("\": ").append(hard.get(component.getName()));
                    }
                }
                Planning.Request request = Planning.request(registry, strategy.id(),
                        com.google.gson.JsonParser.parseString(json.append('}').toString()));
                PruningPlan plan;
                try {
                    plan = Planning.plan(request, context, null);
                } catch (IllegalArgumentException unreachable) {
                    assertTrue(unreachable.getMessage().contains("%"), unreachable.getMessage());
                    continue;
                }
                for (ChannelGroup group : context.prunableGroups()) {
                    int kept = plan.keptOf(group).size();
                    int fewest = group.channels() - (int) Math.floor(0.6 * group.channels() + 1e-9);
                    assertTrue(kept >= Math.max(fewest, Math.min(2, group.channels())), strategy.id() + " keeps "
                            + kept + " of " + group.channels() + " channels of " + group.id());
                }
            }
        }));
    }
}
