package org.prunelab.metrics.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Networks and data small enough to compute metrics by hand.
 */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * 2×2 grey images → conv (2 filters 1×1, weights +1 and −1) → identity batch norm → ReLU → flatten →
     * linear (2 classes). Filter 0 sees relu(x), filter 1 sees relu(−x).
     */
    static NetworkModel signModel(NDManager parent) {
        Network network = new Network("sign", List.of(1, 2, 2), List.of(
                Layer.of("conv", new Op.Conv2d(2, 1, 1, 0, false), Network.INPUT),
                Layer.of("bn", new Op.BatchNorm2d(0, 0.1), "conv"),
                Layer.of("relu", new Op.Relu(), "bn"),
                Layer.of("flatten", new Op.Flatten(), "relu"),
                Layer.of("fc", new Op.Linear(2, true), "flatten")));
        NDManager m = parent.newSubManager();
        return NetworkModel.of(network, m, Map.of(
                "conv.weight", m.create(new float[] {1, -1}, new Shape(2, 1, 1, 1)),
                "bn.gamma", m.create(new float[] {1, 1}),
                "bn.beta", m.create(new float[] {0, 0}),
                "bn.runningMean", m.create(new float[] {0, 0}),
                "bn.runningVar", m.create(new float[] {1, 1}),
                "fc.weight", m.create(new float[] {1, 0, 2, 0, 0, 1, 0, -1, 0, 0, 1, 1, 0, 1, 0, 0}, new Shape(2, 8)),
                "fc.bias", m.create(new float[] {0, 0})));
    }

    /** Turns stored bytes b back into b − 1: (b/255 − 1/255) / (1/255). */
    static final Normalization SIGN_NORMALIZATION = new Normalization(List.of(1 / 255.0), List.of(1 / 255.0));

    /**
     * Two 2×2 images, through {@link #SIGN_NORMALIZATION}: sample 0 (class 0) = [[1, 0], [2, 0]], sample 1
     * (class 1) = [[0, 3], [0, −1]]. Stored as value + 1, since dataset bytes cannot be negative.
     */
    static ArrayDataset signDataset() {
        return new ArrayDataset("sign", List.of("zero", "one"), List.of(1, 2, 2),
                new byte[] {2, 1, 3, 1, 1, 4, 1, 0}, new byte[] {0, 1});
    }

    /** Random images of a shape, with labels cycling through the classes. */
    static ArrayDataset randomImages(int n, List<Integer> shape, int classes, long seed) {
        int size = shape.stream().reduce(1, (a, b) -> a * b);
        byte[] pixels = new byte[n * size];
        new Random(seed).nextBytes(pixels);
        byte[] labels = new byte[n];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
        }
        return new ArrayDataset("random " + shape, names, shape, pixels, labels);
    }

    /**
     * 3×3 images of 2 channels → conv (3 filters 1×1): filter 0 = [3, 4], 1 = [1, 0], 2 = [0, −2] →
     * batch norm with γ = [0.5, −2, 1] → ReLU → global average pool → flatten → linear (2 classes).
     */
    static NetworkModel weightModel(NDManager parent) {
        Network network = new Network("weights", List.of(2, 3, 3), List.of(
                Layer.of("conv", new Op.Conv2d(3, 1, 1, 0, false), Network.INPUT),
                Layer.of("bn", new Op.BatchNorm2d(1e-5, 0.1), "conv"),
                Layer.of("relu", new Op.Relu(), "bn"),
                Layer.of("pool", new Op.GlobalAvgPool(), "relu"),
                Layer.of("flatten", new Op.Flatten(), "pool"),
                Layer.of("fc", new Op.Linear(2, true), "flatten")));
        NDManager m = parent.newSubManager();
        return NetworkModel.of(network, m, Map.of(
                "conv.weight", m.create(new float[] {3, 4, 1, 0, 0, -2}, new Shape(3, 2, 1, 1)),
                "bn.gamma", m.create(new float[] {0.5f, -2, 1}),
                "bn.beta", m.create(new float[] {0, 0, 0}),
                "bn.runningMean", m.create(new float[] {0, 0, 0}),
                "bn.runningVar", m.create(new float[] {1, 1, 1}),
                "fc.weight", m.create(new float[] {1, 0, 0, 0, 1, 0}, new Shape(2, 3)),
                "fc.bias", m.create(new float[] {0, 0})));
    }
}
