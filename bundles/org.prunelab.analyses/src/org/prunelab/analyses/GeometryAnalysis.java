package org.prunelab.analyses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.geometry.FeatureGeometry;
import org.prunelab.runtime.geometry.SampleGeometry;

/**
 * The "Robustness Lottery"'s local geometry of one version: every test sample's length, angles and
 * margins in the last feature layer ({@link FeatureGeometry}), and their means per true class.
 */
public final class GeometryAnalysis implements Analysis<GeometryAnalysis.Settings, GeometryAnalysis.Result> {

    /** The analysis's id. */
    public static final String ID = "org.prunelab.analyses.geometry";

    /**
     * What to compute.
     *
     * @param samples the first test images to read, 0 for all
     */
    public record Settings(int samples) {

        /** Checks the values. */
        public Settings {
            if (samples < 0) {
                throw new IllegalArgumentException("samples is a count of test images (0 for all), not " + samples);
            }
        }
    }

    /**
     * The means of one true class.
     *
     * @param images its test images
     * @param accuracy the share classified right
     * @param length the mean ‖x‖
     * @param angleTrue the mean angle to the class's own weight row, in radians
     * @param margin the mean margin
     * @param angularMargin the mean angular margin, in radians
     */
    public record ClassSummary(int images, double accuracy, double length, double angleTrue, double margin,
            double angularMargin) {
    }

    /**
     * The geometry of a version.
     *
     * @param classifier the final linear layer whose input is the feature vector
     * @param classNames the test set's classes
     * @param samples every sample read, in test-set order
     * @param perClass the means of each true class
     */
    public record Result(String classifier, List<String> classNames, List<SampleGeometry> samples,
            List<ClassSummary> perClass) {
    }

    /**
     * How one sample moved in the last feature layer from one version to another: the compared version's
     * value minus the baseline's.
     *
     * @param index the sample's index in the test set
     * @param label its true class
     * @param baselinePredicted the baseline's prediction
     * @param comparedPredicted the compared version's
     * @param length the change of ‖x‖
     * @param angleTrue the change of the angle to the true class's row, in radians (NaN where x = 0 in either)
     * @param margin the change of the margin: negative when the sample came closer to a decision boundary
     * @param angularMargin the change of the angular margin, in radians
     */
    public record SampleChange(int index, int label, int baselinePredicted, int comparedPredicted, double length,
            double angleTrue, double margin, double angularMargin) {

        /**
         * Whether the baseline classifies the sample right and the compared version does not.
         *
         * @return true if pruning broke it
         */
        public boolean broken() {
            return baselinePredicted == label && comparedPredicted != label;
        }
    }

    /**
     * The per-sample changes between two versions' geometries, in the baseline's order. The two feature
     * spaces differ (pruning changes the features' width), so what is compared is each sample's place
     * relative to its own classifier: length, angle and margins, not coordinates.
     *
     * @param baseline the geometry of one version, usually the root
     * @param compared another version's, of the same test images
     * @return one change per sample
     * @throws IllegalArgumentException if the two were computed on different test images or classes
     */
    public static List<SampleChange> changes(Result baseline, Result compared) {
        if (!baseline.classNames().equals(compared.classNames())) {
            throw new IllegalArgumentException("the two geometries are of different classes: " + baseline.classNames()
                    + " and " + compared.classNames());
        }
        Map<Integer, SampleGeometry> byIndex = new HashMap<>();
        compared.samples().forEach(s -> byIndex.put(s.index(), s));
        if (byIndex.size() != baseline.samples().size()) {
            throw new IllegalArgumentException("the two geometries cover different test images (" + baseline.samples()
                    .size() + " and " + compared.samples().size() + "): compute both with the same number of samples");
        }
        List<SampleChange> out = new ArrayList<>();
        for (SampleGeometry a : baseline.samples()) {
            SampleGeometry b = byIndex.get(a.index());
            if (b == null) {
                throw new IllegalArgumentException("test image " + a.index() + " is in one geometry only: compute both "
                        + "with the same number of samples");
            }
            out.add(new SampleChange(a.index(), a.label(), a.predicted(), b.predicted(), b.length() - a.length(),
                    b.angleTrue() - a.angleTrue(), b.margin() - a.margin(), b.angularMargin() - a.angularMargin()));
        }
        return out;
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0);
    }

    @Override
    public Class<Result> resultType() {
        return Result.class;
    }

    @Override
    public void validate(AnalysisContext context, Settings settings) {
        FeatureGeometry.classifier(context.models().get(0).network());
    }

    @Override
    public Result run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
        Dataset test = settings.samples() == 0 ? context.test() : Subsets.first(context.test(), settings.samples());
        List<SampleGeometry> samples = FeatureGeometry.compute(context.models().get(0), test, context.normalization(),
                context.batchSize(), monitor);
        return new Result(FeatureGeometry.classifier(context.models().get(0).network()).id(), context.classNames(),
                samples, perClass(samples, context.classNames().size()));
    }

    /**
     * The means per true class; an angle that is not defined (a zero feature vector) is left out of its mean.
     *
     * @param samples the samples
     * @param classes the number of classes
     * @return one summary per class, NaN means for a class without samples
     */
    static List<ClassSummary> perClass(List<SampleGeometry> samples, int classes) {
        List<ClassSummary> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int n = 0;
            int right = 0;
            int angles = 0;
            double length = 0;
            double angle = 0;
            double margin = 0;
            double angular = 0;
            for (SampleGeometry s : samples) {
                if (s.label() != c) {
                    continue;
                }
                n++;
                right += s.correct() ? 1 : 0;
                length += s.length();
                margin += s.margin();
                if (!Double.isNaN(s.angleTrue())) {
                    angles++;
                    angle += s.angleTrue();
                    angular += s.angularMargin();
                }
            }
            out.add(new ClassSummary(n, n == 0 ? Double.NaN : (double) right / n, length / n, angle / angles,
                    margin / n, angular / angles));
        }
        return out;
    }
}
