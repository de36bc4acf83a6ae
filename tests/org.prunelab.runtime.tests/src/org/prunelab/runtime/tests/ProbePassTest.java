package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ForwardPass;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.probe.ChannelSums;
import org.prunelab.runtime.probe.ClassMeanMaps;
import org.prunelab.runtime.probe.ClassMeans;
import org.prunelab.runtime.probe.FeatureMapRanks;
import org.prunelab.runtime.probe.LayerBatch;
import org.prunelab.runtime.probe.ProbePass;
import org.prunelab.runtime.probe.SampleMaps;
import org.prunelab.runtime.probe.TaylorSums;
import org.prunelab.runtime.probe.TopActivations;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The streamed probe pass (batches of 8) against a direct computation on one batch of all 20 samples.
 */
class ProbePassTest extends RuntimeTestCase {

    private static final String LAYER = "relu3";
    private static final int N = 20;
    private static final int C = 16;
    private static final int HW = 14 * 14;

    private static NetworkModel model;
    private static ArrayDataset data;
    private static float[] a;
    private static float[] g;
    private static int[] labels;

    @BeforeAll
    static void directComputation() {
        model = NetworkModel.initialize(TrainingTest.tinyVgg(), manager, 3);
        ArrayDataset test = TestData.fashionTest();
        byte[] pixels = new byte[N * 784];
        byte[] labelBytes = new byte[N];
        for (int i = 0; i < N; i++) {
            System.arraycopy(test.bytes(i), 0, pixels, i * 784, 784);
            labelBytes[i] = (byte) test.label(i);
        }
        data = new ArrayDataset("20 samples", test.classNames(), test.imageShape(), pixels, labelBytes);
        try (Batch all = Batches.inOrder(data, N, Normalization.FASHION_MNIST).iterator(manager).next();
                GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            ForwardPass pass = Executor.run(model, all.images(), false, Set.of(LAYER), Set.of(LAYER));
            collector.backward(ModelTraining.crossEntropy(pass.logits(), all.labels()).mul(N));
            a = pass.outputs().get(LAYER).toFloatArray();
            g = pass.gradient(LAYER).toFloatArray();
            labels = all.labels().toIntArray();
        }
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private static double at(float[] x, int n, int f, int p) {
        return x[(n * C + f) * HW + p];
    }

    @Test
    void streamedStatisticsEqualTheDirectComputation() {
        ChannelSums sums = new ChannelSums(LAYER);
        ClassMeans means = new ClassMeans(LAYER, 10);
        ClassMeanMaps maps = new ClassMeanMaps(LAYER, 10);
        TaylorSums taylor = new TaylorSums(LAYER);
        ProbePass.run(model, data, Normalization.FASHION_MNIST, 8, List.of(sums, means, maps, taylor),
                new NullProgressMonitor());

        double[] mean = new double[C];
        double[] l1 = new double[C];
        double[] apoz = new double[C];
        double[][] classMean = new double[10][C];
        double[] classMap = new double[HW]; // class 0, channel 5
        double[] taylorAll = new double[C];
        double[][] perBatch = new double[3][C];
        int[] classCount = new int[10];
        for (int n = 0; n < N; n++) {
            classCount[labels[n]]++;
        }
        for (int n = 0; n < N; n++) {
            for (int f = 0; f < C; f++) {
                double spatial = 0;
                double taylorSum = 0;
                for (int p = 0; p < HW; p++) {
                    double v = at(a, n, f, p);
                    mean[f] += v / (N * HW);
                    l1[f] += Math.abs(v);
                    apoz[f] += v < 1e-4 ? 100.0 / (N * HW) : 0;
                    spatial += v / HW;
                    taylorSum += v * at(g, n, f, p);
                    if (labels[n] == 0 && f == 5) {
                        classMap[p] += v / classCount[0];
                    }
                }
                classMean[labels[n]][f] += spatial / classCount[labels[n]];
                taylorAll[f] += taylorSum;
                perBatch[n / 8][f] += taylorSum;
            }
        }
        assertArrayEquals(mean, sums.mean(), 1e-5);
        assertArrayEquals(l1, sums.absoluteSum(), 1e-3);
        assertArrayEquals(apoz, sums.percentNearZero(), 1e-9);
        assertEquals((long) N * HW, sums.countPerChannel());
        for (int c = 0; c < 10; c++) {
            assertArrayEquals(classMean[c], means.means()[c], 1e-5, "class " + c);
        }
        assertArrayEquals(classMap, maps.map(0, 5), 1e-5);
        assertEquals(new Shape(C, 14, 14), maps.mapShape());
        double[] instability = new double[C];
        for (int f = 0; f < C; f++) {
            taylorAll[f] = Math.abs(taylorAll[f]) / (N * HW);
            double[] t = {Math.abs(perBatch[0][f]) / (8 * HW), Math.abs(perBatch[1][f]) / (8 * HW),
                    Math.abs(perBatch[2][f]) / (4 * HW)};
            double mu = (t[0] + t[1] + t[2]) / 3;
            double var = ((t[0] - mu) * (t[0] - mu) + (t[1] - mu) * (t[1] - mu) + (t[2] - mu) * (t[2] - mu)) / 3;
            instability[f] = mu > 0 ? Math.sqrt(var) / mu : 0;
        }
        assertEquals(3, taylor.batches());
        assertArrayEquals(taylorAll, taylor.importance(), 1e-7);
        assertArrayEquals(instability, taylor.instability(), 1e-3);
    }

    @Test
    void shardsCombineToTheWhole() {
        ChannelSums whole = new ChannelSums(LAYER);
        ClassMeans wholeMeans = new ClassMeans(LAYER, 10);
        ProbePass.run(model, data, Normalization.FASHION_MNIST, 8, List.of(whole, wholeMeans), null);
        ChannelSums first = new ChannelSums(LAYER);
        ChannelSums second = new ChannelSums(LAYER);
        ClassMeans firstMeans = new ClassMeans(LAYER, 10);
        ClassMeans secondMeans = new ClassMeans(LAYER, 10);
        ProbePass.run(model, slice(0, 12), Normalization.FASHION_MNIST, 8, List.of(first, firstMeans), null);
        ProbePass.run(model, slice(12, 20), Normalization.FASHION_MNIST, 8, List.of(second, secondMeans), null);
        first.combine(second);
        firstMeans.combine(secondMeans);
        assertArrayEquals(whole.mean(), first.mean(), 1e-6);
        assertArrayEquals(whole.percentNearZero(), first.percentNearZero(), 1e-9);
        assertArrayEquals(wholeMeans.means()[3], firstMeans.means()[3], 1e-6);
        assertEquals(wholeMeans.max(), firstMeans.max(), 0);
        assertThrows(IllegalArgumentException.class, () -> first.combine(new ChannelSums("relu1")));
    }

    @Test
    void topActivationsAreTheMostActivatedSamplesWithTheirMaps() {
        TopActivations top = new TopActivations(LAYER, 5);
        SampleMaps samples = new SampleMaps(LAYER, 3, 17);
        ProbePass.run(model, data, Normalization.FASHION_MNIST, 8, List.of(top, samples), null);
        assertEquals(C, top.channels());
        assertEquals(14, top.height());
        for (int f = 0; f < C; f++) {
            List<TopActivations.Entry> expected = directTop(f, 0, N, 5);
            List<TopActivations.Entry> got = top.of(f);
            assertEquals(5, got.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(expected.get(i).sample(), got.get(i).sample(), "filter " + f + ", place " + i);
                assertEquals(expected.get(i).activation(), got.get(i).activation(), 1e-5);
                assertArrayEquals(expected.get(i).map(), got.get(i).map(), 0);
            }
        }
        for (int sample : new int[] {3, 17}) {
            float[] map = samples.map(sample, 7).orElseThrow();
            for (int p = 0; p < HW; p++) {
                assertEquals(at(a, sample, 7, p), map[p], 0);
            }
        }
        assertTrue(samples.map(4, 0).isEmpty());
    }

    @Test
    void topActivationsMerge() {
        // shards of the direct activations, fed in different groupings and orders, merge to the top 3 of all
        TopActivations whole = shardTop(0, N);
        TopActivations left = shardTop(0, 7);
        left.combine(shardTop(7, 13));
        left.combine(shardTop(13, N));
        TopActivations right = shardTop(13, N);
        TopActivations middle = shardTop(7, 13);
        middle.combine(shardTop(0, 7));
        right.combine(middle);
        for (int f = 0; f < C; f++) {
            List<TopActivations.Entry> expected = directTop(f, 0, N, 3);
            for (TopActivations merged : List.of(whole, left, right)) {
                List<Integer> got = merged.of(f).stream().map(TopActivations.Entry::sample).toList();
                assertEquals(expected.stream().map(TopActivations.Entry::sample).toList(), got, "filter " + f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> whole.combine(new TopActivations(LAYER, 4)));
        assertThrows(IllegalArgumentException.class, () -> whole.combine(new TopActivations("relu1", 3)));
        assertThrows(IllegalArgumentException.class, () -> new TopActivations(LAYER, 0));
    }

    @Test
    void tiedActivationsGoToTheLowerSample() {
        try (NDManager m = manager.newSubManager()) {
            // four samples of one 1×2 channel: means 1, 2, 2, 1 at indices 10, 11, 12, 13
            float[] values = {1, 1, 2, 2, 3, 1, 0, 2};
            TopActivations top = new TopActivations("x", 3);
            top.accept(new LayerBatch(m.create(values, new Shape(4, 1, 1, 2)), null, m.create(new int[4]),
                    new int[] {13, 12, 11, 10}));
            assertEquals(List.of(11, 12, 10), top.of(0).stream().map(TopActivations.Entry::sample).toList());
            assertArrayEquals(new float[] {3, 1}, top.of(0).get(0).map(), 0);
        }
    }

    /** The streamed statistic over the samples [from, to) of the direct activations, in batches of 4. */
    private static TopActivations shardTop(int from, int to) {
        TopActivations top = new TopActivations(LAYER, 3);
        try (NDManager m = manager.newSubManager()) {
            for (int start = from; start < to; start += 4) {
                int end = Math.min(to, start + 4);
                float[] slice = Arrays.copyOfRange(a, start * C * HW, end * C * HW);
                int[] indices = IntStream.range(start, end).toArray();
                top.accept(new LayerBatch(m.create(slice, new Shape(end - start, C, 14, 14)), null,
                        m.create(Arrays.copyOfRange(labels, start, end)), indices));
            }
        }
        return top;
    }

    /** The top samples of a filter by its mean map, sorted in plain Java. */
    private static List<TopActivations.Entry> directTop(int f, int from, int to, int k) {
        List<TopActivations.Entry> all = new ArrayList<>();
        for (int n = from; n < to; n++) {
            float[] map = new float[HW];
            double sum = 0;
            for (int p = 0; p < HW; p++) {
                map[p] = (float) at(a, n, f, p);
                sum += map[p];
            }
            all.add(new TopActivations.Entry(n, sum / HW, map));
        }
        all.sort(Comparator.comparingDouble((TopActivations.Entry e) -> -e.activation())
                .thenComparingInt(TopActivations.Entry::sample));
        return all.subList(0, k);
    }

    @Test
    void featureMapRanksOfKnownMatrices() {
        try (NDManager m = manager.newSubManager()) {
            // one sample, three 4×4 maps: the identity (rank 4), an outer product (rank 1), zeros (rank 0)
            float[] maps = new float[3 * 16];
            for (int i = 0; i < 4; i++) {
                maps[i * 4 + i] = 1;
                for (int j = 0; j < 4; j++) {
                    maps[16 + i * 4 + j] = (i + 1) * (j + 2);
                }
            }
            FeatureMapRanks ranks = new FeatureMapRanks("x", 10);
            ranks.accept(new LayerBatch(m.create(maps, new Shape(1, 3, 4, 4)), null, m.create(new int[] {0}), new int[] {0}));
            assertArrayEquals(new double[] {4, 1, 0}, ranks.meanRank(), 0);
            // a second sample, all rank 2: means 3, 1.5, 1
            float[] rankTwo = new float[3 * 16];
            for (int f = 0; f < 3; f++) {
                rankTwo[f * 16] = 1;
                rankTwo[f * 16 + 5] = 2;
            }
            ranks.accept(new LayerBatch(m.create(rankTwo, new Shape(1, 3, 4, 4)), null, m.create(new int[] {0}), new int[] {0}));
            assertArrayEquals(new double[] {3, 1.5, 1}, ranks.meanRank(), 0);
            assertEquals(2, ranks.samples());
        }
    }

    @Test
    void anEmptyDatasetOrAnUnknownLayerIsRefused() {
        ArrayDataset empty = new ArrayDataset("nothing", data.classNames(), data.imageShape(), new byte[0], new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> ProbePass.run(model, empty, Normalization.FASHION_MNIST, 8,
                List.of(new ChannelSums(LAYER)), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbePass.run(model, data,
                Normalization.FASHION_MNIST, 8, List.of(new ChannelSums("conv9")), null));
        assertEquals("network vgg-8-8-16-16 has no layer 'conv9'", e.getMessage());
    }

    private static ArrayDataset slice(int from, int to) {
        byte[] pixels = new byte[(to - from) * 784];
        byte[] labelBytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(data.bytes(i), 0, pixels, (i - from) * 784, 784);
            labelBytes[i - from] = (byte) data.label(i);
        }
        return new ArrayDataset("slice", data.classNames(), data.imageShape(), pixels, labelBytes);
    }
}
