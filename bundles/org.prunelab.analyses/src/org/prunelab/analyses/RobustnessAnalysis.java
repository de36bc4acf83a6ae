package org.prunelab.analyses;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.corruption.ImageCorruptions;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;

/**
 * The accuracy of one version under each corruption and severity, on test images corrupted on the fly
 * (MNIST-C / CIFAR-10-C style); the mean over them is the mean corruption accuracy, whose drop against the
 * root model's is what mCE measures.
 */
public final class RobustnessAnalysis implements Analysis<RobustnessAnalysis.Settings, RobustnessAnalysis.Result> {

    /** The analysis's id. */
    public static final String ID = "org.prunelab.analyses.robustness";

    private static final ImageCorruptions CORRUPTIONS = ImageCorruptions.builtIn();

    /**
     * What to compute.
     *
     * @param corruptions the corruptions' ids, empty for every installed one
     * @param severities the severities, each 1–5
     * @param samples test images spread over the set, 0 for all
     * @param seed the seed of the corrupted sets
     */
    public record Settings(List<String> corruptions, List<Integer> severities, int samples, long seed) {

        /** Checks the values and copies the lists. */
        public Settings {
            corruptions = List.copyOf(corruptions);
            severities = List.copyOf(severities);
            if (severities.isEmpty()) {
                throw new IllegalArgumentException("severities is empty: give at least one of 1–5");
            }
            for (int severity : severities) {
                ImageCorruptions.checkSeverity(severity);
            }
            for (String id : corruptions) {
                CORRUPTIONS.require(id, severities.get(0));
            }
            if (samples < 0) {
                throw new IllegalArgumentException("samples is a count of test images (0 for all), not " + samples);
            }
        }
    }

    /**
     * The accuracy under one corruption at one severity.
     *
     * @param corruption the corruption's id
     * @param severity 1–5
     * @param accuracy the share of the images classified right
     * @param perClass the accuracy of each true class
     */
    public record Cell(String corruption, int severity, double accuracy, double[] perClass) {
    }

    /**
     * A version's robustness.
     *
     * @param classNames the test set's classes
     * @param images the test images each accuracy is counted on
     * @param clean the accuracy on the clean images
     * @param cleanPerClass the clean accuracy of each class
     * @param cells one per corruption and severity, corruption by corruption
     * @param meanCorruptionAccuracy the mean of the cells' accuracies
     */
    public record Result(List<String> classNames, int images, double clean, double[] cleanPerClass, List<Cell> cells,
            double meanCorruptionAccuracy) {

        /**
         * The mean accuracy under one corruption over the severities computed.
         *
         * @param corruption its id
         * @return the mean, NaN if it was not computed
         */
        public double meanOf(String corruption) {
            return cells.stream().filter(c -> c.corruption().equals(corruption)).mapToDouble(Cell::accuracy).average()
                    .orElse(Double.NaN);
        }
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(List.of(), List.of(1, 2, 3, 4, 5), 2000, 1);
    }

    @Override
    public Class<Result> resultType() {
        return Result.class;
    }

    @Override
    public Result run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
        Dataset test = settings.samples() == 0 ? context.test() : Subsets.spread(context.test(), settings.samples());
        List<ImageCorruption> chosen = settings.corruptions().isEmpty() ? CORRUPTIONS.all()
                : settings.corruptions().stream().map(id -> CORRUPTIONS.find(id).orElseThrow()).toList();
        SubMonitor sub = SubMonitor.convert(monitor, "Robustness of " + context.versions().get(0).id(),
                1 + chosen.size() * settings.severities().size());
        EvaluationResult clean = ModelTraining.evaluate(context.models().get(0), test, context.normalization(),
                context.batchSize(), sub.split(1));
        List<Cell> cells = new ArrayList<>();
        for (ImageCorruption corruption : chosen) {
            for (int severity : settings.severities()) {
                sub.subTask(corruption.name() + ", severity " + severity);
                EvaluationResult r = ModelTraining.evaluate(context.models().get(0),
                        new CorruptedDataset(test, corruption, severity, settings.seed()), context.normalization(),
                        context.batchSize(), sub.split(1));
                cells.add(new Cell(corruption.id(), severity, r.accuracy(), r.perClassAccuracy()));
            }
        }
        double mean = cells.stream().mapToDouble(Cell::accuracy).average().orElse(Double.NaN);
        return new Result(context.classNames(), test.size(), clean.accuracy(), clean.perClassAccuracy(), cells, mean);
    }
}
