package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.filters.ClassActivationPass;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterSelection;
import org.prunelab.core.filters.SparklineMatrix;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;

import ai.djl.ndarray.NDManager;

/**
 * The numbers behind the filter views, on cases small enough to compute by hand.
 */
class FilterViewsModelTest {

    /** Three classes, four filters. */
    private static final ClassActivations LAYER = new ClassActivations("conv", List.of("a", "b", "c"),
            new double[][] {{0.8, 0.2, 0.5, 0.0}, {0.4, 0.2, 0.1, 0.0}, {0.8, 0.6, 0.5, 1.0}}, new long[] {5, 5, 5});

    @Test
    void sparklineCellsFollowNetPrunesDefinitions() {
        SparklineMatrix matrix = SparklineMatrix.of(LAYER, new int[] {2, 0, 1, 3});
        assertEquals(3, matrix.classes());
        // diagonal: a_f(A) in the given filter order
        assertArrayEquals(new double[] {0.5, 0.8, 0.2, 0.0}, matrix.values(0, 0), 1e-12);
        // off-diagonal: a_f(A) − a_f(B)
        assertArrayEquals(new double[] {0.4, 0.4, 0.0, 0.0}, matrix.values(0, 1), 1e-12);
        assertArrayEquals(new double[] {-0.4, -0.4, -0.4, -1.0}, matrix.values(1, 2), 1e-12);
        // maxNonDiag = |0 − 1| (filter 3, classes a/b against c)
        assertEquals(1.0, matrix.maxNonDiagonal(), 1e-12);
        assertEquals(1.0, matrix.maxActivation(), 1e-12);
        // alpha = Σ|diff| / (maxNonDiag · n): (0.4 + 0.4) / 4 for (a, b); (0.4·3 + 1) / 4 for (b, c)
        assertEquals(0.2, matrix.alpha(0, 1), 1e-12);
        assertEquals(0.55, matrix.alpha(1, 2), 1e-12);
        assertEquals(0, matrix.alpha(2, 2));
        // the pair the layer separates best is the most opaque, and opacity never exceeds 1
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertTrue(matrix.alpha(a, b) <= matrix.alpha(1, 2) + 1e-12);
            }
        }
    }

    @Test
    void aSelectionRestrictsTheCellsAndTheirScale() {
        SparklineMatrix selected = SparklineMatrix.of(LAYER, new int[] {0, 1});
        // maxNonDiag over filters 0 and 1 only: |0.2 − 0.6| = 0.4 (and |0.8 − 0.4|)
        assertEquals(0.4, selected.maxNonDiagonal(), 1e-12);
        assertEquals(0.8, selected.maxActivation(), 1e-12);
        assertEquals((0.4 + 0.0) / (0.4 * 2), selected.alpha(0, 1), 1e-12);
        assertArrayEquals(new double[] {0.4, 0.2}, selected.values(1, 1), 1e-12);
        assertEquals(0, SparklineMatrix.of(LAYER, new int[0]).alpha(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SparklineMatrix.of(LAYER, new int[] {4}));
    }

    @Test
    void classPairwiseDifferenceOrdersTheFilters() {
        double[] cpd = LAYER.difference(0, 1);
        assertArrayEquals(new double[] {0.4, 0.0, 0.4, 0.0}, cpd, 1e-12);
        FilterOrder order = FilterOrder.byImportance(cpd);
        // descending, ties by index
        assertArrayEquals(new int[] {0, 2, 1, 3}, order.ranked());
        assertArrayEquals(new int[] {2, 1}, order.between(1, 3));
        assertArrayEquals(new int[] {1, 3}, order.between(2, 99));
    }

    @Test
    void theUnionOfTheBrushedSelectionsIsKept() {
        FilterSelection selection = FilterSelection.none(8);
        assertTrue(selection.isEmpty());
        assertEquals(0, selection.keptPercent());
        selection = selection.with("cpd", 0, 1, 2).with("apoz", 2, 3);
        assertEquals(bits(0, 1, 2, 3), selection.union());
        assertEquals(50.0, selection.keptPercent(), 1e-12);
        // brushing again in the same metric replaces its selection
        selection = selection.with("cpd", 7);
        assertEquals(bits(2, 3, 7), selection.union());
        assertEquals(List.of("apoz", "cpd"), List.copyOf(selection.byMetric().keySet()));
        // an empty brush clears that metric's row
        selection = selection.with("apoz");
        assertEquals(bits(7), selection.union());
        assertEquals(12.5, selection.keptPercent(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FilterSelection.none(4).with("cpd", 4));
    }

    @Test
    void thePassAveragesEachClassOverItsSamples() throws Exception {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(ClassActivationPass.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        int samples = 30;
        byte[] pixels = new byte[samples * 28 * 28];
        byte[] labels = new byte[samples];
        for (int i = 0; i < samples; i++) {
            // class 1 is twice as common as class 0 or 2; class 0 images are black, others have a bright patch
            labels[i] = (byte) (i % 4 == 0 ? 0 : i % 4 == 3 ? 2 : 1);
            for (int p = 0; p < 28 * 28; p++) {
                pixels[i * 784 + p] = (byte) (labels[i] == 0 ? 0 : (p % 28 < 14 * labels[i] ? 200 : 0));
            }
        }
        ArrayDataset data = new ArrayDataset("hand-made", List.of("a", "b", "c"), List.of(1, 28, 28), pixels, labels);
        try (NDManager manager = tracker.waitForService(30_000).newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 3), manager, 7)) {
            ScoringContext context = ScoringContext.allConvolutions(model, data.classNames());
            Map<String, ClassActivations> layers = ClassActivationPass.compute(context, data, Normalization.none(1), 7,
                    null);
            assertEquals(context.layers(), List.copyOf(layers.keySet()));
            ClassActivations first = layers.get(context.layers().get(0));
            assertArrayEquals(new long[] {8, 15, 7}, first.counts());
            assertEquals(4, first.filters());
            for (ClassActivations layer : layers.values()) {
                for (double[] row : layer.means()) {
                    for (double value : row) {
                        assertTrue(value >= 0 && value <= 1, layer.layer() + ": " + value);
                    }
                }
            }
            // the batch size does not change the means: statistics merge exactly
            Map<String, ClassActivations> again = ClassActivationPass.compute(context, data, Normalization.none(1), 30,
                    null);
            for (String layer : context.layers()) {
                for (int c = 0; c < 3; c++) {
                    assertArrayEquals(again.get(layer).means()[c], layers.get(layer).means()[c], 1e-5);
                }
            }
            ArrayDataset wrongClasses = new ArrayDataset("other", List.of("x", "y", "z"), List.of(1, 28, 28), pixels,
                    labels);
            assertThrows(IllegalArgumentException.class, () -> ClassActivationPass.compute(context, wrongClasses,
                    Normalization.none(1), 8, null));
        }
    }

    private static BitSet bits(int... indices) {
        BitSet bits = new BitSet();
        for (int i : indices) {
            bits.set(i);
        }
        return bits;
    }
}
