package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ForwardPass;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The executor against a network small enough to compute by hand, and gradients against finite
 * differences.
 */
class ExecutorTest extends RuntimeTestCase {


    /** conv(2 filters, 2×2, bias) → BN → ReLU → 2×2 max pool → flatten → linear(3). */
    static NetworkModel handModel(NDManager parent) {
        Network network = new Network("hand", List.of(1, 3, 3), List.of(
                Layer.of("conv", new Op.Conv2d(2, 2, 1, 0, true), Network.INPUT),
                Layer.of("bn", new Op.BatchNorm2d(0, 0.1), "conv"),
                Layer.of("relu", new Op.Relu(), "bn"),
                Layer.of("pool", new Op.MaxPool2d(2, 2), "relu"),
                Layer.of("flatten", new Op.Flatten(), "pool"),
                Layer.of("fc", new Op.Linear(3, true), "flatten")));
        NDManager m = parent.newSubManager();
        return NetworkModel.of(network, m, Map.of(
                "conv.weight", m.create(new float[] {1, 2, 3, 4, -1, 0, 0, 1}, new Shape(2, 1, 2, 2)),
                "conv.bias", m.create(new float[] {0.5f, 0}),
                "bn.gamma", m.create(new float[] {2, 1}),
                "bn.beta", m.create(new float[] {0, -5}),
                "bn.runningMean", m.create(new float[] {50, 0}),
                "bn.runningVar", m.create(new float[] {25, 1}),
                "fc.weight", m.create(new float[] {1, 2, 0, 1, -1, 0}, new Shape(3, 2)),
                "fc.bias", m.create(new float[] {0, 1, 2})));
    }

    @Test
    void computesWhatTheHandDoes() {
        try (NetworkModel model = handModel(manager); NDManager batch = manager.newSubManager()) {
            NDArray x = batch.arange(1f, 10f).reshape(1, 1, 3, 3);
            ForwardPass pass = Executor.run(model, x, false, Set.of("conv", "bn", "relu", "flatten"), Set.of());
            // conv: filter 0 = 37.5 47.5 67.5 77.5; filter 1 = 4 everywhere
            assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f, 4, 4, 4, 4},
                    pass.outputs().get("conv").toFloatArray(), 1e-5f);
            // BN (eval): 2·(x − 50)/5 = −5 −1 7 11; (4 − 0)/1 − 5 = −1
            assertArrayEquals(new float[] {-5, -1, 7, 11, -1, -1, -1, -1}, pass.outputs().get("bn").toFloatArray(),
                    1e-5f);
            // ReLU, then the 2×2 max: 11 and 0
            assertArrayEquals(new float[] {11, 0}, pass.outputs().get("flatten").toFloatArray(), 1e-5f);
            // fc: [1·11 + 2·0, 0·11 + 1·0 + 1, −1·11 + 2] = [11, 1, −9]
            assertArrayEquals(new float[] {11, 1, -9}, pass.logits().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void gradientOfAnIntermediateOutputIsTheNextLayersWeights() {
        try (NetworkModel model = handModel(manager); NDManager batch = manager.newSubManager();
                GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = batch.arange(1f, 10f).reshape(1, 1, 3, 3);
            ForwardPass pass = Executor.run(model, x, false, Set.of(), Set.of("flatten"));
            collector.backward(pass.logits().get(":, 0").sum());
            // d logit0 / d flatten = row 0 of fc.weight
            assertArrayEquals(new float[] {1, 2}, pass.gradient("flatten").toFloatArray(), 1e-6f);
        }
    }

    /**
     * A network without ReLU or max pooling, so that central differences are exact up to rounding (a
     * kink within ±ε would make them disagree with any correct gradient).
     */
    static Network smoothNetwork() {
        return new Network("smooth", List.of(1, 28, 28), List.of(
                Layer.of("conv1", new Op.Conv2d(4, 3, 1, 1, true), Network.INPUT),
                Layer.of("bn1", new Op.BatchNorm2d(1e-5, 0.1), "conv1"),
                Layer.of("pool", new Op.AvgPool2d(2, 2), "bn1"),
                Layer.of("conv2", new Op.Conv2d(8, 3, 2, 0, false), "pool"),
                Layer.of("gap", new Op.GlobalAvgPool(), "conv2"),
                Layer.of("flatten", new Op.Flatten(), "gap"),
                Layer.of("fc", new Op.Linear(10, true), "flatten")));
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        try (NetworkModel model = NetworkModel.initialize(smoothNetwork(), manager, 7);
                NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(Inputs.uniform(2 * 28 * 28, 11), new Shape(2, 1, 28, 28));
            float[] analytic;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                ForwardPass pass = Executor.run(model, x, false, Set.of(), Set.of(Network.INPUT, "pool"));
                collector.backward(pass.logits().get(":, 3").sum());
                analytic = pass.gradient(Network.INPUT).toFloatArray();
                assertEquals(new Shape(2, 4, 14, 14), pass.gradient("pool").getShape());
            }
            float[] pixels = x.toFloatArray();
            float eps = 1e-2f;
            for (int i : new int[] {0, 300, 407, 783, 784 + 392}) {
                float[] plus = pixels.clone();
                plus[i] += eps;
                float[] minus = pixels.clone();
                minus[i] -= eps;
                double numeric = (score(model, batch, plus) - score(model, batch, minus)) / (2 * eps);
                assertEquals(numeric, analytic[i], 1e-4 + 1e-2 * Math.abs(numeric), "pixel " + i);
            }
        }
    }

    private static double score(NetworkModel model, NDManager batch, float[] pixels) {
        try (NDManager sub = batch.newSubManager()) {
            NDArray logits = Executor.logits(model, sub.create(pixels, new Shape(2, 1, 28, 28)), false);
            return logits.get(":, 3").sum().getFloat();
        }
    }

    @Test
    void aWrongImageShapeIsRefusedSayingWhatIsExpected() {
        try (NetworkModel model = handModel(manager); NDManager batch = manager.newSubManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Executor.logits(model, batch.zeros(new Shape(4, 3, 32, 32)), false));
            assertEquals("network hand takes images of shape [1, 3, 3] (channels, height, width) in batches; "
                    + "got an input of shape (4, 3, 32, 32)", e.getMessage());
        }
    }
}
