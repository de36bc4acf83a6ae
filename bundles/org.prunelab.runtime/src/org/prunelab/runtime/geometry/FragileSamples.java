package org.prunelab.runtime.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The samples that a change breaks, as the "Robustness Lottery" looks for them: those the root model
 * gets right and a pruned version wrong, and those whose prediction flips under a corruption; the largest
 * fall of the margin first.
 */
public final class FragileSamples {

    /**
     * One sample before and after.
     *
     * @param index the sample's index
     * @param label its true class
     * @param predictedBefore the prediction before (root, or clean image)
     * @param predictedAfter the prediction after (pruned version, or corrupted image)
     * @param marginBefore the margin before
     * @param marginAfter the margin after
     */
    public record Sample(int index, int label, int predictedBefore, int predictedAfter, double marginBefore,
            double marginAfter) {

        /**
         * How the margin changed.
         *
         * @return after − before: negative when the sample moved toward a wrong class
         */
        public double marginChange() {
            return marginAfter - marginBefore;
        }
    }

    private FragileSamples() {
    }

    /**
     * The samples the root classifies right and the pruned version wrong.
     *
     * @param root the root's geometry
     * @param pruned the pruned version's, of the same samples
     * @return the fragile samples, the largest fall of the margin first
     * @throws IllegalArgumentException if the two do not cover the same samples
     */
    public static List<Sample> brokenByPruning(List<SampleGeometry> root, List<SampleGeometry> pruned) {
        return pairs(root, pruned, (before, after) -> before.correct() && !after.correct());
    }

    /**
     * The samples whose prediction changes when the image is corrupted.
     *
     * @param clean a version's geometry on the clean images
     * @param corrupted the same version's on the corrupted images
     * @return the flipped samples, the largest fall of the margin first
     * @throws IllegalArgumentException if the two do not cover the same samples
     */
    public static List<Sample> flippedByCorruption(List<SampleGeometry> clean, List<SampleGeometry> corrupted) {
        return pairs(clean, corrupted, (before, after) -> before.predicted() != after.predicted());
    }

    /**
     * How many samples of each true class a list holds.
     *
     * @param samples the samples
     * @param classes the number of classes
     * @return the counts, by class
     */
    public static int[] perClass(List<Sample> samples, int classes) {
        int[] counts = new int[classes];
        for (Sample s : samples) {
            counts[s.label()]++;
        }
        return counts;
    }

    private static List<Sample> pairs(List<SampleGeometry> before, List<SampleGeometry> after,
            BiPredicate<SampleGeometry, SampleGeometry> broken) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("the two sets of samples differ: " + before.size() + " against "
                    + after.size() + " samples");
        }
        Map<Integer, SampleGeometry> byIndex = new HashMap<>();
        for (SampleGeometry s : after) {
            byIndex.put(s.index(), s);
        }
        List<Sample> out = new ArrayList<>();
        for (SampleGeometry b : before) {
            SampleGeometry a = byIndex.get(b.index());
            if (a == null || a.label() != b.label()) {
                throw new IllegalArgumentException("sample " + b.index() + " is not in both sets of samples");
            }
            if (broken.test(b, a)) {
                out.add(new Sample(b.index(), b.label(), b.predicted(), a.predicted(), b.margin(), a.margin()));
            }
        }
        out.sort(Comparator.comparingDouble(Sample::marginChange).thenComparingInt(Sample::index));
        return out;
    }
}
