package org.prunelab.analyses.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.analyses.GeometryAnalysis;
import org.prunelab.analyses.RobustnessAnalysis;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruptions;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.geometry.FeatureGeometry;
import org.prunelab.runtime.geometry.SampleGeometry;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.ndarray.NDManager;

/**
 * The geometry and robustness analyses on the contract project's child version, against the runtime's
 * own computations on the same images.
 */
class GeometryAndRobustnessTest extends OnTheContractProject {

    private static AnalysisService.Stored<Record> run(String id, String settings) throws Exception {
        return run(id, settings, project.versions(1));
    }

    @Test
    void theGeometryIsTheRuntimesPerSampleAndItsClassMeans() throws Exception {
        AnalysisService.Stored<Record> stored = run(GeometryAnalysis.ID, null);
        GeometryAnalysis.Result result = (GeometryAnalysis.Result) stored.result();
        ModelVersion child = project.versions(1).get(0);
        Dataset test = project.data().test(project.folder());
        try (NDManager manager = project.newManager(); NetworkModel model = ModelFiles.load(child.directory(), manager)) {
            assertEquals(FeatureGeometry.classifier(model.network()).id(), result.classifier());
            List<SampleGeometry> direct = FeatureGeometry.compute(model, test, project.data().normalization(),
                    PruningService.BATCH_SIZE, new NullProgressMonitor());
            assertEquals(direct, result.samples(), "every test image, read back from the stored result");
        }
        for (int c = 0; c < 3; c++) {
            int label = c;
            List<SampleGeometry> mine = result.samples().stream().filter(s -> s.label() == label).toList();
            GeometryAnalysis.ClassSummary summary = result.perClass().get(c);
            assertEquals(mine.size(), summary.images());
            assertEquals(mine.stream().mapToDouble(SampleGeometry::length).average().orElseThrow(), summary.length(),
                    1e-12);
            assertEquals(mine.stream().mapToDouble(SampleGeometry::margin).average().orElseThrow(), summary.margin(),
                    1e-12);
            assertEquals(mine.stream().filter(SampleGeometry::correct).count() / (double) mine.size(),
                    summary.accuracy(), 1e-12);
        }
        assertTrue(run(GeometryAnalysis.ID, null).reused(), "stored with the version and reused");
    }

    @Test
    void robustnessIsTheAccuracyOnEachCorruptedSet() throws Exception {
        RobustnessAnalysis.Result result = (RobustnessAnalysis.Result) run(RobustnessAnalysis.ID,
                "{\"corruptions\": [\"brightness\", \"gaussianNoise\"], \"severities\": [1, 5], \"samples\": 0,"
                        + " \"seed\": 3}").result();
        assertEquals(List.of("brightness 1", "brightness 5", "gaussianNoise 1", "gaussianNoise 5"),
                result.cells().stream().map(c -> c.corruption() + " " + c.severity()).toList());
        ModelVersion child = project.versions(1).get(0);
        Dataset test = project.data().test(project.folder());
        assertEquals(9, result.images());
        ImageCorruptions corruptions = ImageCorruptions.builtIn();
        try (NDManager manager = project.newManager(); NetworkModel model = ModelFiles.load(child.directory(), manager)) {
            assertEquals(ModelTraining.evaluate(model, test, project.data().normalization(), PruningService.BATCH_SIZE, null).accuracy(),
                    result.clean(), 1e-12);
            for (RobustnessAnalysis.Cell cell : result.cells()) {
                Dataset corrupted = new CorruptedDataset(test, corruptions.require(cell.corruption(), cell.severity()),
                        cell.severity(), 3);
                assertEquals(ModelTraining.evaluate(model, corrupted, project.data().normalization(), PruningService.BATCH_SIZE, null)
                        .accuracy(), cell.accuracy(), 1e-12, cell.corruption() + " " + cell.severity());
            }
        }
        assertEquals(result.cells().stream().mapToDouble(RobustnessAnalysis.Cell::accuracy).average().orElseThrow(),
                result.meanCorruptionAccuracy(), 1e-12);
        assertEquals((result.cells().get(0).accuracy() + result.cells().get(1).accuracy()) / 2,
                result.meanOf("brightness"), 1e-12);
    }

    @Test
    void anUnknownCorruptionOrSeverityIsRefusedListingTheValidOnes() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> run(RobustnessAnalysis.ID, "{\"corruptions\": [\"fog\"]}")).getMessage();
        assertTrue(unknown.startsWith("settings of analysis org.prunelab.analyses.robustness: unknown corruption 'fog'; "
                + "the installed ones are gaussianNoise, shotNoise"), unknown);
        String severity = assertThrows(IllegalArgumentException.class,
                () -> run(RobustnessAnalysis.ID, "{\"severities\": [6]}")).getMessage();
        assertTrue(severity.contains("severity 6 is outside 1–5"), severity);
        assertFalse(severity.isBlank());
    }

    @Test
    void theChangeOfEverySampleIsTheComparedVersionsPlaceMinusTheBaselines() {
        List<String> classes = List.of("a", "b");
        // sample 7 stays right and moves away from the boundary, sample 3 is broken, sample 5 is mended
        GeometryAnalysis.Result baseline = geometry(classes, new SampleGeometry(7, 0, 0, 2.0, 0.5, 0.5, 1.5, 0.25),
                new SampleGeometry(3, 1, 1, 4.0, 0.25, 0.25, 0.5, 0.5), new SampleGeometry(5, 1, 0, 1.0, 1.0, 0.5, -0.5,
                        -0.5));
        GeometryAnalysis.Result compared = geometry(classes, new SampleGeometry(5, 1, 1, 1.5, 0.75, 0.75, 0.25, 0.125),
                new SampleGeometry(7, 0, 0, 3.0, 0.25, 0.25, 2.0, 0.5), new SampleGeometry(3, 1, 0, 3.0, 1.0, 0.5, -1.0,
                        -0.5));
        List<GeometryAnalysis.SampleChange> changes = GeometryAnalysis.changes(baseline, compared);
        assertEquals(List.of(new GeometryAnalysis.SampleChange(7, 0, 0, 0, 1.0, -0.25, 0.5, 0.25),
                new GeometryAnalysis.SampleChange(3, 1, 1, 0, -1.0, 0.75, -1.5, -1.0),
                new GeometryAnalysis.SampleChange(5, 1, 0, 1, 0.5, -0.25, 0.75, 0.625)), changes,
                "in the baseline's order, matched by index");
        assertEquals(List.of(false, true, false), changes.stream().map(GeometryAnalysis.SampleChange::broken).toList());

        GeometryAnalysis.Result fewer = geometry(classes, new SampleGeometry(7, 0, 0, 3.0, 0.25, 0.25, 2.0, 0.5));
        String message = assertThrows(IllegalArgumentException.class, () -> GeometryAnalysis.changes(baseline, fewer))
                .getMessage();
        assertTrue(message.contains("different test images (3 and 1)"), message);
        GeometryAnalysis.Result other = geometry(List.of("a", "c"), compared.samples().toArray(SampleGeometry[]::new));
        message = assertThrows(IllegalArgumentException.class, () -> GeometryAnalysis.changes(baseline, other))
                .getMessage();
        assertTrue(message.contains("different classes: [a, b] and [a, c]"), message);
    }

    private static GeometryAnalysis.Result geometry(List<String> classes, SampleGeometry... samples) {
        return new GeometryAnalysis.Result("fc", classes, List.of(samples), List.of());
    }
}
