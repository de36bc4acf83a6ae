package org.prunelab.analyses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.prunelab.runtime.geometry.FeatureGeometry;
import org.prunelab.runtime.geometry.FragileSamples;
import org.prunelab.runtime.geometry.SampleGeometry;

/**
 * The "Robustness Lottery"'s fragile samples of a pruned version against its baseline: those the baseline
 * classifies right and the pruned version wrong, and those whose prediction by the pruned version flips
 * under a corruption; each with both versions' predictions and margins, clean and corrupted, ranked by the
 * fall of the margin, and counted per class. Beside them, how every class's geometry moved between the
 * two versions.
 */
public final class FragileSamplesAnalysis
        implements Analysis<FragileSamplesAnalysis.Settings, FragileSamplesAnalysis.Result> {

    /** The analysis's id. */
    public static final String ID = "org.prunelab.analyses.fragileSamples";

    /**
     * What to compute.
     *
     * @param corruption the corruption's id
     * @param severity 1–5
     * @param samples the first test images to read, 0 for all
     * @param seed the seed of the corrupted set
     */
    public record Settings(String corruption, int severity, int samples, long seed) {

        /** Checks the values. */
        public Settings {
            CorruptionRegistry.installed().require(corruption, severity);
            if (samples < 0) {
                throw new IllegalArgumentException("samples is a count of test images (0 for all), not " + samples);
            }
        }
    }

    /**
     * One fragile sample as both versions see it.
     *
     * @param index the test image
     * @param label its true class
     * @param baseline the baseline's prediction and margin on the clean image
     * @param compared the compared version's, clean
     * @param baselineCorrupted the baseline's, on the corrupted image
     * @param comparedCorrupted the compared version's, corrupted
     * @param marginChange the fall the sample is ranked by: compared − baseline (clean) for a sample pruning
     *            breaks, corrupted − clean (compared version) for one the corruption flips
     */
    public record Sample(int index, int label, Seen baseline, Seen compared, Seen baselineCorrupted,
            Seen comparedCorrupted, double marginChange) {
    }

    /**
     * What one version predicts for one image.
     *
     * @param predicted the predicted class
     * @param margin the signed distance to the nearest decision boundary
     */
    public record Seen(int predicted, double margin) {

        static Seen of(SampleGeometry g) {
            return new Seen(g.predicted(), g.margin());
        }
    }

    /**
     * How one class's means moved from the baseline to the compared version (compared − baseline).
     *
     * @param accuracy the change of accuracy
     * @param length the change of the mean ‖x‖
     * @param angleTrue the change of the mean angle to the class's row, in radians
     * @param margin the change of the mean margin
     */
    public record ClassChange(double accuracy, double length, double angleTrue, double margin) {
    }

    /**
     * The fragile samples of a pair of versions.
     *
     * @param classNames the test set's classes
     * @param baseline the baseline's version id
     * @param compared the compared version's id
     * @param corruption the corruption's id
     * @param severity its severity
     * @param images the test images read
     * @param brokenByPruning right by the baseline, wrong by the compared version, on clean images; the
     *            largest fall of the margin first
     * @param flippedByCorruption those whose prediction by the compared version changes under the
     *            corruption; the largest fall first
     * @param brokenPerClass how many samples pruning breaks, per true class
     * @param flippedPerClass how many the corruption flips, per true class
     * @param change how each class's geometry moved
     */
    public record Result(List<String> classNames, String baseline, String compared, String corruption, int severity,
            int images, List<Sample> brokenByPruning, List<Sample> flippedByCorruption, int[] brokenPerClass,
            int[] flippedPerClass, List<ClassChange> change) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings("gaussianNoise", 3, 0, 1);
    }

    @Override
    public Class<Result> resultType() {
        return Result.class;
    }

    @Override
    public void validate(AnalysisContext context, Settings settings) {
        for (var model : context.models()) {
            FeatureGeometry.classifier(model.network());
        }
    }

    @Override
    public Result run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
        Dataset test = settings.samples() == 0 ? context.test() : Subsets.first(context.test(), settings.samples());
        ImageCorruptions installed = CorruptionRegistry.installed();
        ImageCorruption corruption = installed.require(settings.corruption(), settings.severity());
        Dataset corrupted = new CorruptedDataset(test, corruption, settings.severity(), settings.seed());
        SubMonitor sub = SubMonitor.convert(monitor, "Fragile samples of " + context.versions().get(1).id(), 4);
        var baselineModel = context.models().get(0);
        var comparedModel = context.models().get(1);
        List<SampleGeometry> base = FeatureGeometry.compute(baselineModel, test, context.normalization(),
                context.batchSize(), sub.split(1));
        List<SampleGeometry> pruned = FeatureGeometry.compute(comparedModel, test, context.normalization(),
                context.batchSize(), sub.split(1));
        List<SampleGeometry> baseCorrupted = FeatureGeometry.compute(baselineModel, corrupted, context.normalization(),
                context.batchSize(), sub.split(1));
        List<SampleGeometry> prunedCorrupted = FeatureGeometry.compute(comparedModel, corrupted,
                context.normalization(), context.batchSize(), sub.split(1));
        int classes = context.classNames().size();
        List<FragileSamples.Sample> broken = FragileSamples.brokenByPruning(base, pruned);
        List<FragileSamples.Sample> flipped = FragileSamples.flippedByCorruption(pruned, prunedCorrupted);
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < base.size(); i++) {
            position.put(base.get(i).index(), i);
        }
        return new Result(context.classNames(), context.versions().get(0).id(), context.versions().get(1).id(),
                corruption.id(), settings.severity(), test.size(),
                seen(broken, position, base, pruned, baseCorrupted, prunedCorrupted),
                seen(flipped, position, base, pruned, baseCorrupted, prunedCorrupted),
                FragileSamples.perClass(broken, classes), FragileSamples.perClass(flipped, classes),
                change(base, pruned, classes));
    }

    private static List<Sample> seen(List<FragileSamples.Sample> found, Map<Integer, Integer> position,
            List<SampleGeometry> base, List<SampleGeometry> pruned, List<SampleGeometry> baseCorrupted,
            List<SampleGeometry> prunedCorrupted) {
        // in FragileSamples' order: the largest fall of the margin first
        List<Sample> out = new ArrayList<>(found.size());
        for (FragileSamples.Sample s : found) {
            int i = position.get(s.index());
            out.add(new Sample(s.index(), s.label(), Seen.of(base.get(i)), Seen.of(pruned.get(i)),
                    Seen.of(baseCorrupted.get(i)), Seen.of(prunedCorrupted.get(i)), s.marginChange()));
        }
        return out;
    }

    private static List<ClassChange> change(List<SampleGeometry> base, List<SampleGeometry> pruned, int classes) {
        List<GeometryAnalysis.ClassSummary> before = GeometryAnalysis.perClass(base, classes);
        List<GeometryAnalysis.ClassSummary> after = GeometryAnalysis.perClass(pruned, classes);
        List<ClassChange> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            GeometryAnalysis.ClassSummary b = before.get(c);
            GeometryAnalysis.ClassSummary a = after.get(c);
            out.add(new ClassChange(a.accuracy() - b.accuracy(), a.length() - b.length(), a.angleTrue() - b.angleTrue(),
                    a.margin() - b.margin()));
        }
        return out;
    }
}
