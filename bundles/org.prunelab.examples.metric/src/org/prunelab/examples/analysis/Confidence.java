package org.prunelab.examples.analysis;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.Prediction;

/**
 * How sure a version is: per true class, the mean softmax probability of the class it predicts, over the
 * images it gets right and over those it gets wrong. A pruned version that keeps its accuracy but grows
 * unsure shows it here first.
 * <p>
 * The three parts of every analysis: typed settings with defaults, a result record that is stored as
 * JSON, and {@link #run}, which reads the loaded versions and the test set from the context.
 */
public final class Confidence implements Analysis<Confidence.Settings, Confidence.Result> {

    /**
     * The settings.
     *
     * @param samples how many test images to use, from the first; 0 for all
     */
    public record Settings(int samples) {
        /** Checks the value. */
        public Settings {
            if (samples < 0) {
                throw new IllegalArgumentException("samples must be >= 0, not " + samples);
            }
        }
    }

    /**
     * The result.
     *
     * @param classNames the classes
     * @param right per class, the mean confidence on correctly classified images (NaN if none)
     * @param wrong per class, the mean confidence on misclassified images (NaN if none)
     * @param images how many images were used
     */
    public record Result(List<String> classNames, double[] right, double[] wrong, int images) {
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
    public Result run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
        Dataset test = settings.samples() == 0 ? context.test() : Subsets.first(context.test(), settings.samples());
        List<Prediction> predictions = ModelTraining.evaluate(context.models().get(0), test, context.normalization(),
                context.batchSize(), monitor).predictions();
        int classes = context.classNames().size();
        double[][] sums = new double[2][classes];
        int[][] counts = new int[2][classes];
        for (Prediction p : predictions) {
            int k = p.correct() ? 0 : 1;
            sums[k][p.label()] += p.confidence();
            counts[k][p.label()]++;
        }
        double[][] means = new double[2][classes];
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < classes; c++) {
                means[k][c] = counts[k][c] == 0 ? Double.NaN : sums[k][c] / counts[k][c];
            }
        }
        return new Result(context.classNames(), means[0], means[1], predictions.size());
    }
}
