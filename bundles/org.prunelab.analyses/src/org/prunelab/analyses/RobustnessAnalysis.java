package org.prunelab.analyses;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.corruptions.CorruptionRegistry;
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
                CorruptionRegistry.installed().require(id, severities.get(0));
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

        /**
         * The accuracy under one corruption at one severity.
         *
         * @param corruption its id
         * @param severity 1–5
         * @return the accuracy, NaN if it was not computed
         */
        public double accuracy(String corruption, int severity) {
            return cells.stream().filter(c -> c.corruption().equals(corruption) && c.severity() == severity)
                    .mapToDouble(Cell::accuracy).findFirst().orElse(Double.NaN);
        }
    }

    /**
     * The corruption error of a version against a baseline, as ImageNet-C's CE with the root in AlexNet's
     * place: CE_c = Σ_s (1 − acc_{s,c}) / Σ_s (1 − acc^root_{s,c}) over the severities both computed. Below
     * 1 the version is more robust to the corruption than the root.
     *
     * @param version the version's robustness
     * @param root the root's
     * @param corruption the corruption's id
     * @return CE_c; NaN if no severity was computed for both or the root makes no error
     */
    public static double corruptionError(Result version, Result root, String corruption) {
        double errors = 0;
        double rootErrors = 0;
        for (Cell cell : version.cells()) {
            double r = cell.corruption().equals(corruption) ? root.accuracy(corruption, cell.severity()) : Double.NaN;
            if (!Double.isNaN(r)) {
                errors += 1 - cell.accuracy();
                rootErrors += 1 - r;
            }
        }
        return rootErrors == 0 ? Double.NaN : errors / rootErrors;
    }

    /**
     * The mean corruption error (mCE) against a baseline: the mean of {@link #corruptionError} over the
     * corruptions computed for both.
     *
     * @param version the version's robustness
     * @param root the root's
     * @return mCE, NaN if no corruption was computed for both
     */
    public static double meanCorruptionError(Result version, Result root) {
        return version.cells().stream().map(Cell::corruption).distinct()
                .mapToDouble(c -> corruptionError(version, root, c)).filter(e -> !Double.isNaN(e)).average()
                .orElse(Double.NaN);
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
        List<ImageCorruption> chosen = chosen(settings);
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

    /**
     * The corruptions a run evaluates.
     *
     * @param settings the settings
     * @return those named, or every installed one if none is
     */
    public static List<ImageCorruption> chosen(Settings settings) {
        ImageCorruptions installed = CorruptionRegistry.installed();
        return settings.corruptions().isEmpty() ? installed.all()
                : settings.corruptions().stream().map(id -> installed.require(id, settings.severities().get(0))).toList();
    }
}
