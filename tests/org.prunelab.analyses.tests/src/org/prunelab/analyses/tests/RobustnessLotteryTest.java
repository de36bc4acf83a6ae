package org.prunelab.analyses.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.analyses.FragileSamplesAnalysis;
import org.prunelab.analyses.RobustnessAnalysis;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.corruptions.CorruptionRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.geometry.FeatureGeometry;
import org.prunelab.runtime.geometry.FragileSamples;
import org.prunelab.runtime.geometry.SampleGeometry;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.ndarray.NDManager;

/**
 * Contributed corruptions, the fragile samples of a pair of versions, mCE, and the robustness table the
 * Robustness view shows.
 */
class RobustnessLotteryTest extends OnTheContractProject {

    private static final String INVERT = "org.prunelab.analyses.tests.invert";

    private static AnalysisService.Stored<Record> run(String id, String settings, int versions) throws Exception {
        return run(id, settings, project.versions(versions));
    }

    @Test
    void contributedCorruptionsFollowTheBuiltInOnesByIdAndATakenIdIsSkipped() {
        List<String> ids = CorruptionRegistry.installed().all().stream().map(ImageCorruption::id).toList();
        assertEquals(List.of("gaussianNoise", "shotNoise", "impulseNoise", "speckleNoise", "gaussianBlur", "motionBlur",
                "brightness", "contrast", "pixelate", "jpeg", "rotation", "translation", INVERT, "org.prunelab.examples.corruption.stripes"), ids);
        ImageCorruption invert = CorruptionRegistry.installed().require(INVERT, 1);
        assertEquals("Inversion", invert.name(), "named by its declaration");
        assertEquals("digital", invert.family());
        assertEquals("Gaussian noise", CorruptionRegistry.installed().require("gaussianNoise", 1).name());
    }

    @Test
    void theExampleCorruptionBrightensAtMostAsManyRowsAsItsSeverityInEveryChannel() {
        ImageCorruption stripes = CorruptionRegistry.installed().require("org.prunelab.examples.corruption.stripes", 4);
        float[] image = new float[3 * 5 * 6];
        java.util.Arrays.fill(image, 0.25f);
        float[] out = stripes.apply(image, 3, 5, 6, 4, new java.util.SplittableRandom(7));
        float[] again = stripes.apply(image, 3, 5, 6, 4, new java.util.SplittableRandom(7));
        assertArrayEquals(out, again, "the same random numbers, the same stripes");
        int bright = 0;
        for (int row = 0; row < 5; row++) {
            float first = out[row * 6];
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 6; x++) {
                    assertEquals(first, out[(c * 5 + row) * 6 + x], "a whole row, in every channel");
                }
            }
            bright += first == 1f ? 1 : 0;
        }
        assertTrue(bright >= 1 && bright <= 4, bright + " rows");
        assertEquals(0.25f, image[0], "its input is left alone");
    }

    @Test
    void aContributedCorruptionIsAppliedToACopyAndEvaluatedLikeABuiltInOne() throws Exception {
        ModelVersion child = project.versions(1).get(0);
        RobustnessLotteryProvider.Pictures pictures = RobustnessLotteryProvider.pictures(project.folder(),
                project.data(), new int[] {0, 4}, INVERT, 5, 1);
        Dataset test = project.data().test(project.folder());
        float[] original = new float[test.imageSize()];
        test.pixels(4, original, 0);
        assertArrayEquals(original, pictures.clean().get(1), "the corruption wrote into a copy");
        for (int i = 0; i < original.length; i++) {
            assertEquals(1 - original[i], pictures.corrupted().get(1)[i], 1e-6);
        }
        RobustnessAnalysis.Result result = (RobustnessAnalysis.Result) run(RobustnessAnalysis.ID,
                "{\"corruptions\": [\"" + INVERT + "\"], \"severities\": [5], \"samples\": 0}", 1).result();
        try (NDManager manager = project.newManager(); NetworkModel model = ModelFiles.load(child.directory(), manager)) {
            Dataset inverted = new CorruptedDataset(test, CorruptionRegistry.installed().require(INVERT, 5), 5, 1);
            assertEquals(ModelTraining.evaluate(model, inverted, project.data().normalization(),
                    PruningService.BATCH_SIZE, null).accuracy(), result.cells().get(0).accuracy(), 1e-12);
        }
    }

    @Test
    void theFragileSamplesAreThoseTheRuntimeFindsWithBothVersionsPredictions() throws Exception {
        String settings = "{\"corruption\": \"gaussianNoise\", \"severity\": 5, \"samples\": 0, \"seed\": 2}";
        AnalysisService.Stored<Record> stored = run(FragileSamplesAnalysis.ID, settings, 2);
        FragileSamplesAnalysis.Result result = (FragileSamplesAnalysis.Result) stored.result();
        List<ModelVersion> pair = project.versions(2);
        Dataset test = project.data().test(project.folder());
        Dataset noisy = new CorruptedDataset(test, CorruptionRegistry.installed().require("gaussianNoise", 5), 5, 2);
        try (NDManager manager = project.newManager();
                NetworkModel base = ModelFiles.load(pair.get(0).directory(), manager);
                NetworkModel child = ModelFiles.load(pair.get(1).directory(), manager)) {
            var norm = project.data().normalization();
            List<SampleGeometry> b = FeatureGeometry.compute(base, test, norm, PruningService.BATCH_SIZE, null);
            List<SampleGeometry> c = FeatureGeometry.compute(child, test, norm, PruningService.BATCH_SIZE, null);
            List<SampleGeometry> cNoisy = FeatureGeometry.compute(child, noisy, norm, PruningService.BATCH_SIZE, null);
            List<SampleGeometry> bNoisy = FeatureGeometry.compute(base, noisy, norm, PruningService.BATCH_SIZE, null);
            List<FragileSamples.Sample> broken = FragileSamples.brokenByPruning(b, c);
            List<FragileSamples.Sample> flipped = FragileSamples.flippedByCorruption(c, cNoisy);
            assertEquals(broken.stream().map(FragileSamples.Sample::index).toList(),
                    result.brokenByPruning().stream().map(FragileSamplesAnalysis.Sample::index).toList());
            assertEquals(flipped.stream().map(FragileSamples.Sample::index).toList(),
                    result.flippedByCorruption().stream().map(FragileSamplesAnalysis.Sample::index).toList());
            assertArrayEquals(FragileSamples.perClass(broken, 3), result.brokenPerClass());
            assertArrayEquals(FragileSamples.perClass(flipped, 3), result.flippedPerClass());
            for (FragileSamplesAnalysis.Sample s : result.brokenByPruning()) {
                assertEquals(b.get(s.index()).predicted(), s.baseline().predicted());
                assertEquals(c.get(s.index()).margin(), s.compared().margin(), 1e-12);
                assertEquals(bNoisy.get(s.index()).margin(), s.baselineCorrupted().margin(), 1e-12);
                assertEquals(cNoisy.get(s.index()).predicted(), s.comparedCorrupted().predicted());
                assertEquals(c.get(s.index()).margin() - b.get(s.index()).margin(), s.marginChange(), 1e-12);
            }
            double accuracyBefore = b.stream().filter(s -> s.label() == 0 && s.correct()).count() / 3.0;
            double accuracyAfter = c.stream().filter(s -> s.label() == 0 && s.correct()).count() / 3.0;
            assertEquals(accuracyAfter - accuracyBefore, result.change().get(0).accuracy(), 1e-12);
        }
        assertEquals(9, result.images());
        assertEquals("v1", result.compared());
        AnalysisService.Stored<Record> again = run(FragileSamplesAnalysis.ID, settings, 2);
        assertTrue(again.reused(), "stored with the pruned version and read back");
        FragileSamplesAnalysis.Result read = (FragileSamplesAnalysis.Result) again.result();
        assertEquals(result.brokenByPruning(), read.brokenByPruning());
        assertEquals(result.flippedByCorruption(), read.flippedByCorruption());
        assertArrayEquals(result.flippedPerClass(), read.flippedPerClass());
    }

    @Test
    void theCorruptionErrorIsTheVersionsErrorsOverTheRootsAsImageNetC() {
        RobustnessAnalysis.Result root = result(cell("blur", 1, 0.8), cell("blur", 2, 0.6), cell("noise", 1, 0.9));
        RobustnessAnalysis.Result pruned = result(cell("blur", 1, 0.7), cell("blur", 2, 0.5), cell("noise", 1, 0.95),
                cell("noise", 2, 0.1));
        // blur: (0.3 + 0.5) / (0.2 + 0.4); noise: only severity 1 is in both, 0.05 / 0.1
        assertEquals(0.8 / 0.6, RobustnessAnalysis.corruptionError(pruned, root, "blur"), 1e-12);
        assertEquals(0.5, RobustnessAnalysis.corruptionError(pruned, root, "noise"), 1e-12);
        assertEquals((0.8 / 0.6 + 0.5) / 2, RobustnessAnalysis.meanCorruptionError(pruned, root), 1e-12);
        assertEquals(1, RobustnessAnalysis.meanCorruptionError(root, root), 1e-12);
    }

    private static RobustnessAnalysis.Cell cell(String corruption, int severity, double accuracy) {
        return new RobustnessAnalysis.Cell(corruption, severity, accuracy, new double[0]);
    }

    private static RobustnessAnalysis.Result result(RobustnessAnalysis.Cell... cells) {
        return new RobustnessAnalysis.Result(List.of(), 10, 1, new double[0], List.of(cells),
                List.of(cells).stream().mapToDouble(RobustnessAnalysis.Cell::accuracy).average().orElseThrow());
    }

    @Test
    void theTableHasTheRootFirstAndEachVersionsDropAndMce() throws Exception {
        RobustnessLotteryProvider provider = new RobustnessLotteryProvider(project.runtime(), registry);
        List<ModelVersion> pair = project.versions(2);
        RobustnessAnalysis.Settings settings = new RobustnessAnalysis.Settings(List.of("brightness", "contrast"),
                List.of(2, 4), 0, 1);
        RobustnessLotteryProvider.Table table = provider.table(pair.get(0), List.of(pair.get(1), pair.get(0)),
                project.data(), settings, new NullProgressMonitor());
        assertEquals(List.of("brightness", "contrast"), table.corruptions());
        assertEquals(List.of(pair.get(0), pair.get(1)), table.rows().stream().map(RobustnessLotteryProvider.Row::version)
                .toList());
        RobustnessLotteryProvider.Row root = table.rows().get(0);
        RobustnessLotteryProvider.Row child = table.rows().get(1);
        assertEquals(0, root.drop(), 1e-12);
        assertEquals(root.result().meanCorruptionAccuracy() - child.result().meanCorruptionAccuracy(), child.drop(),
                1e-12);
        assertEquals(RobustnessAnalysis.meanCorruptionError(child.result(), root.result()), child.meanCorruptionError(),
                1e-12);
        assertEquals(RobustnessAnalysis.corruptionError(child.result(), root.result(), "contrast"),
                child.corruptionErrors().get(1), 1e-12);
    }
}
