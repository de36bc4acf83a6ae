package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Dataset;

/**
 * Subsets keep every class, in proportion, whatever order the dataset holds them in.
 */
class SubsetsTest {

    @Test
    void aPeriodicallyInterleavedSetKeepsEveryClass() {
        // Fashion-MNIST's split cycles through the ten classes; a stride of 5 would see two of them
        Dataset cycling = dataset(IntStream.range(0, 10_000).map(i -> i % 10).toArray(), 10);
        Dataset subset = Subsets.spread(cycling, 2000);
        assertEquals(2000, subset.size());
        assertArrayEquals(IntStream.generate(() -> 200).limit(10).toArray(), counts(subset, 10));
    }

    @Test
    void unevenClassesKeepTheirShares() {
        // 60 of class 0, 30 of class 1, 10 of class 2; 7 samples: 4.2, 2.1, 0.7 → 4, 2, 1 by largest remainder
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        Dataset subset = Subsets.spread(dataset(labels, 3), 7);
        assertArrayEquals(new int[] {4, 2, 1}, counts(subset, 3));
        // spread within each class, in the dataset's order: 0, 15, 30, 45 | 60, 75 | 90
        float[] pixel = new float[1];
        int[] picked = new int[7];
        for (int i = 0; i < 7; i++) {
            subset.pixels(i, pixel, 0);
            picked[i] = Math.round(pixel[0] * 255);
        }
        assertArrayEquals(new int[] {0, 15, 30, 45, 60, 75, 90}, picked);
        Dataset all = dataset(labels, 3);
        assertSame(all, Subsets.spread(all, 100));
    }

    /** One 1×1 image per label whose pixel is its index, so a subset shows which samples it took. */
    private static Dataset dataset(int[] labels, int classes) {
        byte[] pixels = new byte[labels.length];
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) (i % 256);
            bytes[i] = (byte) labels[i];
        }
        return new ArrayDataset("hand-made", IntStream.range(0, classes).mapToObj(c -> "c" + c).toList(),
                List.of(1, 1, 1), pixels, bytes);
    }

    private static int[] counts(Dataset dataset, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < dataset.size(); i++) {
            counts[dataset.label(i)]++;
        }
        return counts;
    }
}
