package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.onnx.OnnxExport;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ReLU6, leaky ReLU, SiLU and sigmoid: their values on hand-picked inputs, in a network whose channels
 * prune through them, written to JSON and to ONNX (ONNX Runtime computes the same logits).
 */
class ActivationsTest extends RuntimeTestCase {

    private static final float[] X = {-8, -1, -0.5f, 0, 0.5f, 3, 6, 7.5f};

    @TempDir
    Path dir;

    @Test
    void eachComputesItsFormula() {
        for (Op op : List.of(new Op.Relu6(), new Op.LeakyRelu(0.1), new Op.Silu(), new Op.Sigmoid())) {
            Network network = new Network("one", List.of(1, 1, 8), List.of(Layer.of("a", op, Network.INPUT),
                    Layer.of("flatten", new Op.Flatten(), "a"), Layer.of("fc", new Op.Linear(8, false), "flatten")));
            try (NetworkModel model = NetworkModel.of(network, manager.newSubManager(), Map.of("fc.weight",
                    manager.create(identity(8), new Shape(8, 8))));
                    NDManager batch = manager.newSubManager()) {
                float[] y = Executor.logits(model, batch.create(X, new Shape(1, 1, 1, 8)), false).toFloatArray();
                for (int i = 0; i < X.length; i++) {
                    double x = X[i];
                    double expected = switch (op) {
                        case Op.Relu6 r -> Math.min(Math.max(x, 0), 6);
                        case Op.LeakyRelu l -> x >= 0 ? x : 0.1 * x;
                        case Op.Silu s -> x / (1 + Math.exp(-x));
                        default -> 1 / (1 + Math.exp(-x));
                    };
                    assertEquals(expected, y[i], 1e-6, op.type() + "(" + x + ")");
                }
            }
        }
    }

    @Test
    void theyPruneAndTravelAsJsonAndOnnx() throws Exception {
        Network network = new Network("acts", List.of(1, 12, 12), List.of(
                Layer.of("conv1", new Op.Conv2d(6, 3, 1, 1, true), Network.INPUT),
                Layer.of("act1", new Op.Relu6(), "conv1"),
                Layer.of("conv2", new Op.Conv2d(8, 3, 2, 1, false), "act1"),
                Layer.of("bn2", new Op.BatchNorm2d(1e-5, 0.1), "conv2"),
                Layer.of("act2", new Op.Silu(), "bn2"),
                Layer.of("conv3", new Op.Conv2d(8, 3, 1, 1, false), "act2"),
                Layer.of("act3", new Op.LeakyRelu(0.2), "conv3"),
                Layer.of("pool", new Op.GlobalAvgPool(), "act3"),
                Layer.of("flatten", new Op.Flatten(), "pool"),
                Layer.of("gate", new Op.Sigmoid(), "flatten"),
                Layer.of("fc", new Op.Linear(5, true), "gate")));
        assertEquals(network, NetworkJson.fromJson(NetworkJson.toJson(network)));
        assertEquals(List.of("conv1", "conv2", "conv3"), ChannelGroups.of(network).prunable().stream()
                .map(g -> g.id()).toList(), "the activations pass each convolution's channels on");
        float[] input = new float[2 * 144];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(0.37 * i) * 3;
        }
        try (NetworkModel model = NetworkModel.initialize(network, manager, 4);
                NetworkModel pruned = Surgeon.apply(model, new PruningPlan(Map.of("conv1", List.of(0, 2, 5),
                        "conv2", List.of(1, 2, 3, 7))), manager);
                NDManager batch = manager.newSubManager()) {
            for (NetworkModel m : List.of(model, pruned)) {
                float[] logits = Executor.logits(m, batch.create(input, new Shape(2, 1, 12, 12)), false).toFloatArray();
                assertArrayEquals(logits, OnnxExportTest.onnxRuntime(OnnxExport.bytes(m), input, 2, 1, 12, 12), 1e-5f);
                // and back: Clip to [0, 6], LeakyRelu, Sigmoid, and Sigmoid + Mul as one SiLU
                Path file = dir.resolve(m.network().layers().size() + "-" + logits.length + ".onnx");
                OnnxExport.write(m, file);
                try (NetworkModel back = OnnxImport.load(file, manager)) {
                    assertEquals(m.network().layers().stream().map(l -> l.op().type()).toList(),
                            back.network().layers().stream().map(l -> l.op().type()).toList());
                    assertArrayEquals(logits, Executor.logits(back, batch.create(input, new Shape(2, 1, 12, 12)),
                            false).toFloatArray(), 1e-6f);
                }
            }
        }
    }

    private static float[] identity(int n) {
        float[] values = new float[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        return values;
    }
}
