package org.prunelab.analyses;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.corruptions.CorruptionRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.data.Dataset;


/**
 * What the Geometry, Robustness and Fragile Samples views show, computed headless: each analysis read from
 * the version's folder when it is stored, otherwise computed and stored; and the pixels of the few images
 * on screen. The views only render.
 */
public final class RobustnessLotteryProvider {

    /**
     * One version's row of the robustness table.
     *
     * @param version the version
     * @param result its accuracies
     * @param drop the root's mean corruption accuracy minus this version's (positive: less robust)
     * @param meanCorruptionError mCE against the root (1 for the root itself)
     * @param corruptionErrors CE against the root of each corruption, in the order of the result's cells
     */
    public record Row(ModelVersion version, RobustnessAnalysis.Result result, double drop, double meanCorruptionError,
            List<Double> corruptionErrors) {
    }

    /**
     * The robustness of some versions of one model against its root.
     *
     * @param root the root version
     * @param corruptions the corruptions' ids, in column order
     * @param severities the severities computed
     * @param rows one per version, the root first
     */
    public record Table(ModelVersion root, List<String> corruptions, List<Integer> severities, List<Row> rows) {
    }

    /**
     * The pixels of test images, clean and corrupted, for thumbnails.
     *
     * @param shape [channels, height, width]
     * @param clean one array per image
     * @param corrupted the same images corrupted
     */
    public record Pictures(List<Integer> shape, List<float[]> clean, List<float[]> corrupted) {
    }

    private final ModelRuntime runtime;
    private final AnalysisRegistry registry;

    /**
     * Creates the provider.
     *
     * @param runtime the model runtime
     * @param registry the installed analyses
     */
    public RobustnessLotteryProvider(ModelRuntime runtime, AnalysisRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    /**
     * A version's geometry, stored or computed and stored.
     *
     * @param version the version
     * @param data the project's dataset
     * @param monitor progress and cancellation
     * @return the geometry of every test sample
     * @throws IOException if the version cannot be read or the result cannot be written
     */
    public GeometryAnalysis.Result geometry(ModelVersion version, DatasetSpec data, IProgressMonitor monitor)
            throws IOException {
        return (GeometryAnalysis.Result) run(GeometryAnalysis.ID, new GeometryAnalysis().defaultSettings(),
                List.of(version), data, monitor);
    }

    /**
     * A version's stored geometry; computes nothing.
     *
     * @param version the version
     * @param data the project's dataset
     * @return the geometry, or empty if it was never computed for these weights
     * @throws IOException if the version cannot be read
     */
    public Optional<GeometryAnalysis.Result> storedGeometry(ModelVersion version, DatasetSpec data) throws IOException {
        return AnalysisService.stored(AnalysisService.request(registry, GeometryAnalysis.ID,
                new GeometryAnalysis().defaultSettings()), List.of(version), data)
                .map(s -> (GeometryAnalysis.Result) s.result());
    }

    /**
     * The robustness of versions of one model against its root; each version's result stored or computed
     * and stored.
     *
     * @param root the model's root
     * @param versions the versions, the root among them or not
     * @param data the project's dataset
     * @param settings corruptions, severities, samples, seed
     * @param monitor progress and cancellation
     * @return the table, the root first
     * @throws IOException if a version cannot be read or a result cannot be written
     */
    public Table table(ModelVersion root, List<ModelVersion> versions, DatasetSpec data,
            RobustnessAnalysis.Settings settings, IProgressMonitor monitor) throws IOException {
        List<ModelVersion> all = new ArrayList<>(List.of(root));
        versions.stream().filter(v -> !v.equals(root)).forEach(all::add);
        SubMonitor sub = SubMonitor.convert(monitor, "Corruption robustness", all.size());
        List<RobustnessAnalysis.Result> results = new ArrayList<>();
        for (ModelVersion version : all) {
            sub.subTask(version.id());
            results.add((RobustnessAnalysis.Result) run(RobustnessAnalysis.ID, settings, List.of(version), data,
                    sub.split(1)));
        }
        List<String> corruptions = RobustnessAnalysis.chosen(settings).stream().map(c -> c.id()).toList();
        RobustnessAnalysis.Result base = results.get(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            RobustnessAnalysis.Result r = results.get(i);
            rows.add(new Row(all.get(i), r, base.meanCorruptionAccuracy() - r.meanCorruptionAccuracy(),
                    RobustnessAnalysis.meanCorruptionError(r, base),
                    corruptions.stream().map(c -> RobustnessAnalysis.corruptionError(r, base, c)).toList()));
        }
        return new Table(root, corruptions, settings.severities(), rows);
    }

    /**
     * The fragile samples of a version against its baseline, stored or computed and stored.
     *
     * @param baseline the baseline (usually the root)
     * @param compared the pruned version
     * @param data the project's dataset
     * @param settings corruption, severity, samples, seed
     * @param monitor progress and cancellation
     * @return the fragile samples
     * @throws IOException if a version cannot be read or the result cannot be written
     */
    public FragileSamplesAnalysis.Result fragile(ModelVersion baseline, ModelVersion compared, DatasetSpec data,
            FragileSamplesAnalysis.Settings settings, IProgressMonitor monitor) throws IOException {
        return (FragileSamplesAnalysis.Result) run(FragileSamplesAnalysis.ID, settings, List.of(baseline, compared),
                data, monitor);
    }

    /**
     * The pixels of some test images, clean and under a corruption, in [0, 1] before normalisation.
     *
     * @param projectDir the project
     * @param data its dataset
     * @param indices the images
     * @param corruption the corruption's id
     * @param severity 1–5
     * @param seed the seed the corrupted set was made with
     * @return the pixels, in the order of the indices
     */
    public static Pictures pictures(Path projectDir, DatasetSpec data, int[] indices, String corruption, int severity,
            long seed) {
        Dataset test = data.test(projectDir);
        Dataset corrupted = new CorruptedDataset(test, CorruptionRegistry.installed().require(corruption, severity),
                severity, seed);
        List<float[]> clean = new ArrayList<>();
        List<float[]> bad = new ArrayList<>();
        for (int index : indices) {
            float[] a = new float[test.imageSize()];
            test.pixels(index, a, 0);
            clean.add(a);
            float[] b = new float[test.imageSize()];
            corrupted.pixels(index, b, 0);
            bad.add(b);
        }
        return new Pictures(test.imageShape(), clean, bad);
    }

    private Record run(String analysis, Record settings, List<ModelVersion> versions, DatasetSpec data,
            IProgressMonitor monitor) throws IOException {
        return AnalysisService.run(AnalysisService.request(registry, analysis, settings), versions, data, runtime,
                monitor).result();
    }
}
