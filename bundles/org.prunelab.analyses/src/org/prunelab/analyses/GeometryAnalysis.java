package org.prunelab.analyses;

import java.util.ArrayList;
import java.util.List;

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
