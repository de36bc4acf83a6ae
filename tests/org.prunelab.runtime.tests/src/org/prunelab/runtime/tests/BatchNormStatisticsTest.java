package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.training.BatchNormStatistics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Re-estimating batch-norm statistics against PyTorch's recalibration on a hand-made case, and what it
 * leaves unchanged.
 */
class BatchNormStatisticsTest extends RuntimeTestCase {

    /** What data/torch/make-batch-norm-fixture.py printed (PyTorch 1.13, torch.optim.swa_utils.update_bn). */
    private static final float[] BN1_MEAN = {2.4181372e-01f, -3.3820266e-01f};
    private static final float[] BN1_VAR = {1.7083982e+00f, 1.9776236e+00f};
    private static final float[] BN2_MEAN = {-1.4163360e-01f, 1.3687223e-01f, 2.3402260e-01f};
    private static final float[] BN2_VAR = {2.4626929e-01f, 4.0440962e-01f, 6.6932857e-01f};
    private static final float[] LOGITS = {-2.4793757e-01f, 7.8430372e-01f, -4.0058342e-01f, 1.2007240e+00f,
        -2.4955319e-01f, 3.2458916e-01f, -3.2774049e-01f, 6.5087432e-01f, -4.2472148e-01f, 1.2265091e+00f};

    private static final Normalization HALF = new Normalization(List.of(0.5), List.of(0.25));

    /** ((a·i + b) mod 17 − 8) · scale, the fixture script's formula. */
    private static float[] values(int n, int a, int b, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (((a * i + b) % 17 - 8) * scale);
        }
        return v;
    }

    /** The script's network: conv → BN → ReLU → conv → BN → ReLU → global average pool → linear. */
    private static NetworkModel handModel(NDManager parent) {
        Network network = new Network("two-norms", List.of(1, 4, 4), List.of(
                Layer.of("conv1", new Op.Conv2d(2, 3, 1, 1, true), Network.INPUT),
                Layer.of("bn1", new Op.BatchNorm2d(1e-5, 0.1), "conv1"),
                Layer.of("relu1", new Op.Relu(), "bn1"),
                Layer.of("conv2", new Op.Conv2d(3, 3, 1, 0, false), "relu1"),
                Layer.of("bn2", new Op.BatchNorm2d(1e-5, 0.1), "conv2"),
                Layer.of("relu2", new Op.Relu(), "bn2"),
                Layer.of("gap", new Op.GlobalAvgPool(), "relu2"),
                Layer.of("flatten", new Op.Flatten(), "gap"),
                Layer.of("fc", new Op.Linear(2, true), "flatten")));
        NDManager m = parent.newSubManager();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1.weight", m.create(values(18, 5, 3, 0.1), new Shape(2, 1, 3, 3)));
        p.put("conv1.bias", m.create(new float[] {0.2f, -0.3f}));
        p.put("bn1.gamma", m.create(new float[] {1.5f, 0.5f}));
        p.put("bn1.beta", m.create(new float[] {0.1f, 0.4f}));
        // statistics that describe nothing: re-estimation replaces them, as update_bn resets them first
        p.put("bn1.runningMean", m.create(new float[] {7, -7}));
        p.put("bn1.runningVar", m.create(new float[] {3, 30}));
        p.put("conv2.weight", m.create(values(54, 7, 2, 0.05), new Shape(3, 2, 3, 3)));
        p.put("bn2.gamma", m.create(new float[] {0.8f, 1.2f, 2.0f}));
        p.put("bn2.beta", m.create(new float[] {-0.2f, 0, 0.3f}));
        p.put("bn2.runningMean", m.create(new float[] {5, 5, 5}));
        p.put("bn2.runningVar", m.create(new float[] {9, 9, 9}));
        p.put("fc.weight", m.create(values(6, 3, 1, 0.1), new Shape(2, 3)));
        p.put("fc.bias", m.create(new float[] {0.05f, -0.05f}));
        return NetworkModel.of(network, m, p);
    }

    /** The script's five images, (37·i + 11) mod 256. */
    private static ArrayDataset handImages() {
        byte[] pixels = new byte[5 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((37 * i + 11) % 256);
        }
        return new ArrayDataset("five", List.of("a", "b"), List.of(1, 4, 4), pixels, new byte[] {0, 1, 0, 1, 0});
    }

    @Test
    void theStatisticsArePyTorchsRecalibration() {
        ArrayDataset images = handImages();
        try (NetworkModel model = handModel(manager); NDManager batch = manager.newSubManager()) {
            float[] gamma = model.parameter("bn2.gamma").toFloatArray();
            float[] weights = model.parameter("conv2.weight").toFloatArray();
            // batches of 2, 2 and 1 in the dataset's order, as the script's DataLoader makes them
            assertEquals(5, BatchNormStatistics.reestimate(model, images, HALF, 2, null, new NullProgressMonitor()));
            assertArrayEquals(BN1_MEAN, model.parameter("bn1.runningMean").toFloatArray(), 1e-6f);
            assertArrayEquals(BN1_VAR, model.parameter("bn1.runningVar").toFloatArray(), 1e-5f);
            assertArrayEquals(BN2_MEAN, model.parameter("bn2.runningMean").toFloatArray(), 1e-6f);
            assertArrayEquals(BN2_VAR, model.parameter("bn2.runningVar").toFloatArray(), 1e-6f);
            // the network in inference mode afterwards computes PyTorch's logits; nothing trained changed
            float[] pixels = new float[5 * 16];
            for (int i = 0; i < 5; i++) {
                images.pixels(i, pixels, i * 16);
                HALF.apply(pixels, i * 16, 16);
            }
            NDArray logits = Executor.logits(model, batch.create(pixels, new Shape(5, 1, 4, 4)), false);
            assertArrayEquals(LOGITS, logits.toFloatArray(), 1e-5f);
            assertArrayEquals(gamma, model.parameter("bn2.gamma").toFloatArray());
            assertArrayEquals(weights, model.parameter("conv2.weight").toFloatArray());
        }
    }

    @Test
    void theFirstNormIsTheMeanOfTheBatchMeansAndUnbiasedVariancesByHand() {
        // bn1's input is conv1's output, which no batch norm precedes: its statistics follow from the images alone
        ArrayDataset images = handImages();
        try (NetworkModel model = handModel(manager); NDManager batch = manager.newSubManager()) {
            float[] pixels = new float[5 * 16];
            for (int i = 0; i < 5; i++) {
                images.pixels(i, pixels, i * 16);
                HALF.apply(pixels, i * 16, 16);
            }
            float[] conv = Executor.run(model, batch.create(pixels, new Shape(5, 1, 4, 4)), false,
                    Set.of("conv1"), Set.of()).outputs().get("conv1").toFloatArray();
            int[][] batches = {{0, 1}, {2, 3}, {4}};
            for (int c = 0; c < 2; c++) {
                double meanSum = 0;
                double varianceSum = 0;
                for (int[] b : batches) {
                    double sum = 0;
                    int n = b.length * 16;
                    for (int image : b) {
                        for (int k = 0; k < 16; k++) {
                            sum += conv[(image * 2 + c) * 16 + k];
                        }
                    }
                    double mean = sum / n;
                    double squares = 0;
                    for (int image : b) {
                        for (int k = 0; k < 16; k++) {
                            double d = conv[(image * 2 + c) * 16 + k] - mean;
                            squares += d * d;
                        }
                    }
                    meanSum += mean;
                    varianceSum += squares / (n - 1);
                }
                assertEquals(meanSum / 3, BN1_MEAN[c], 1e-6, "channel " + c);
                assertEquals(varianceSum / 3, BN1_VAR[c], 1e-5, "channel " + c);
            }
        }
    }

    @Test
    void aShuffledOrderIsTheSameForTheSameSeed() {
        ArrayDataset train = TestData.fashionTrain();
        try (NetworkModel first = NetworkModel.initialize(TrainingTest.tinyVgg(), manager, 3);
                NetworkModel second = NetworkModel.initialize(TrainingTest.tinyVgg(), manager, 3);
                NetworkModel other = NetworkModel.initialize(TrainingTest.tinyVgg(), manager, 3)) {
            assertEquals(1500, BatchNormStatistics.reestimate(first, train, Normalization.FASHION_MNIST, 128, 1L,
                    null));
            BatchNormStatistics.reestimate(second, train, Normalization.FASHION_MNIST, 128, 1L, null);
            BatchNormStatistics.reestimate(other, train, Normalization.FASHION_MNIST, 128, 2L, null);
            float[] variance = first.parameter("bn3.runningVar").toFloatArray();
            assertArrayEquals(variance, second.parameter("bn3.runningVar").toFloatArray());
            // another order makes other batches, and batch statistics of other batches
            assertNotEquals(variance[0], other.parameter("bn3.runningVar").toFloatArray()[0]);
        }
    }

    @Test
    void aCancelledEstimationLeavesTheStatisticsAsTheyWere() {
        IProgressMonitor monitor = Monitors.cancelledAt(3);
        try (NetworkModel model = NetworkModel.initialize(TrainingTest.tinyVgg(), manager, 1)) {
            float[] mean = model.parameter("bn2.runningMean").toFloatArray();
            float[] variance = model.parameter("bn2.runningVar").toFloatArray();
            assertThrows(OperationCanceledException.class, () -> BatchNormStatistics.reestimate(model,
                    TestData.fashionTrain(), Normalization.FASHION_MNIST, 128, 1L, monitor));
            assertArrayEquals(mean, model.parameter("bn2.runningMean").toFloatArray());
            assertArrayEquals(variance, model.parameter("bn2.runningVar").toFloatArray());
        }
    }

    @Test
    void aNetworkWithoutBatchNormReadsNoImage() {
        Network linear = new Network("linear", List.of(1, 4, 4), List.of(Layer.of("flat", new Op.Flatten(),
                Network.INPUT), Layer.of("fc", new Op.Linear(2, true), "flat")));
        ArrayDataset empty = new ArrayDataset("empty", List.of("a"), List.of(1, 4, 4), new byte[0], new byte[0]);
        try (NetworkModel model = NetworkModel.initialize(linear, manager, 1)) {
            assertEquals(0, BatchNormStatistics.reestimate(model, empty, HALF, 128, 1L, null));
        }
    }

    @Test
    void aBatchGivingABatchNormOneValuePerChannelIsRefusedNamingIt() {
        // the convolution leaves 2 × 2 maps, the pool 1 × 1: one value per channel and image
        Network network = new Network("narrow", List.of(1, 4, 4), List.of(
                Layer.of("conv", new Op.Conv2d(2, 3, 1, 0, true), Network.INPUT),
                Layer.of("pool", new Op.MaxPool2d(2, 2), "conv"),
                Layer.of("bn", new Op.BatchNorm2d(1e-5, 0.1), "pool"),
                Layer.of("flatten", new Op.Flatten(), "bn"),
                Layer.of("fc", new Op.Linear(2, true), "flatten")));
        try (NetworkModel model = NetworkModel.initialize(network, manager, 1)) {
            float[] variance = model.parameter("bn.runningVar").toFloatArray();
            // 5 images in batches of 2: the last batch holds one image, one value per channel
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BatchNormStatistics.reestimate(model, handImages(), HALF, 2, null, null));
            assertTrue(e.getMessage().startsWith("batch norm 'bn' would see one value per channel in a batch of 1 "
                    + "image of 5 in batches of 2"), e.getMessage());
            assertArrayEquals(variance, model.parameter("bn.runningVar").toFloatArray());
        }
    }
}
