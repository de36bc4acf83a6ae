package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.geometry.FragileSamples;
import org.prunelab.runtime.geometry.SampleGeometry;

/**
 * The samples a pruning or a corruption breaks, on hand-made geometries.
 */
class FragileSamplesTest {

    private static SampleGeometry s(int index, int label, int predicted, double margin) {
        return new SampleGeometry(index, label, predicted, 1, 0, 0, margin, 0);
    }

    @Test
    void theSamplesTheRootGetsRightAndThePrunedVersionWrongLargestFallFirst() {
        List<SampleGeometry> root = List.of(s(0, 0, 0, 2.0), s(1, 1, 1, 0.5), s(2, 1, 0, -1.0), s(3, 2, 2, 3.0));
        // pruned: 0 and 3 now wrong (falls 2.5 and 4.0), 1 still right, 2 was already wrong
        List<SampleGeometry> pruned = List.of(s(3, 2, 1, -1.0), s(0, 0, 2, -0.5), s(1, 1, 1, 0.1), s(2, 1, 2, -2.0));
        List<FragileSamples.Sample> broken = FragileSamples.brokenByPruning(root, pruned);
        assertEquals(List.of(3, 0), broken.stream().map(FragileSamples.Sample::index).toList());
        assertEquals(-4.0, broken.get(0).marginChange(), 1e-12);
        assertEquals(new FragileSamples.Sample(0, 0, 0, 2, 2.0, -0.5), broken.get(1));
        assertArrayEquals(new int[] {1, 0, 1}, FragileSamples.perClass(broken, 3));
    }

    @Test
    void aCorruptionFlipsPredictionsRightOrWrong() {
        List<SampleGeometry> clean = List.of(s(0, 0, 0, 1.0), s(1, 1, 0, -0.2), s(2, 2, 2, 0.7));
        List<SampleGeometry> corrupted = List.of(s(0, 0, 0, 0.4), s(1, 1, 1, 0.3), s(2, 2, 0, -0.1));
        // 1 flips to right (margin +0.5), 2 flips to wrong (−0.8); 0 keeps its prediction
        assertEquals(List.of(2, 1), FragileSamples.flippedByCorruption(clean, corrupted).stream()
                .map(FragileSamples.Sample::index).toList());
    }

    @Test
    void differentSetsOfSamplesAreRefused() {
        assertEquals("the two sets of samples differ: 1 against 2 samples", assertThrows(IllegalArgumentException.class,
                () -> FragileSamples.brokenByPruning(List.of(s(0, 0, 0, 1)), List.of(s(0, 0, 0, 1), s(1, 0, 0, 1))))
                .getMessage());
        assertEquals("sample 0 is not in both sets of samples", assertThrows(IllegalArgumentException.class,
                () -> FragileSamples.brokenByPruning(List.of(s(0, 0, 0, 1)), List.of(s(5, 0, 0, 1)))).getMessage());
    }
}
