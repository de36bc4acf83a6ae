package org.prunelab.analyses.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.analyses.CamComparisonAnalysis;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.cam.Sp2ps;
import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import ai.djl.ndarray.NDManager;

/**
 * The CAM comparison end to end on the contract project's two versions.
 */
class CamComparisonAnalysisTest extends OnTheContractProject {

    private static CamComparison.Result compare(List<ModelVersion> versions, String settings) throws Exception {
        return (CamComparison.Result) run(CamComparisonAnalysis.ID, settings, versions).result();
    }

    @Test
    void aVersionComparedWithItselfScoresOneOnEveryImage() throws Exception {
        ModelVersion base = project.versions(2).get(0);
        CamComparison.Result result = compare(List.of(base, base), null);
        assertEquals(9, result.samples().size(), "every test image");
        assertEquals("conv4", result.layer(), "the last convolution by default");
        for (CamComparison.Sample sample : result.samples()) {
            assertEquals(1, sample.spatial(), 1e-12);
            assertEquals(1, sample.spectral(), 1e-12);
            assertEquals(1, sample.harmonic(), 1e-12);
            assertFalse(sample.predictionChanged());
        }
        assertEquals(1, result.sp2ps(), 1e-12);
    }

    @Test
    void summariesAreTheMeansOfThePerImageScoresAndTheMapsShownGiveThem() throws Exception {
        List<ModelVersion> versions = project.versions(2);
        CamComparison.Result result = compare(versions, "{\"method\": \"GRAD_CAM_PLUS_PLUS\"}");
        assertEquals(List.of("class0", "class1", "class2"), result.classNames());
        double h = 0;
        double[] perClass = new double[3];
        for (CamComparison.Sample sample : result.samples()) {
            h += sample.harmonic();
            perClass[sample.label()] += sample.harmonic() / 3;
            assertEquals(Sp2ps.harmonic(sample.spatial(), sample.spectral()), sample.harmonic(), 1e-12);
        }
        assertEquals(h / 9, result.sp2ps(), 1e-12);
        for (int c = 0; c < 3; c++) {
            assertEquals(perClass[c], result.perClass()[c], 1e-12, "class " + c);
        }
        assertTrue(result.sp2ps() < 1, "two random networks look at different places: " + result.sp2ps());

        // the maps a view shows for three images give their stored scores
        CamComparison.Settings settings = new CamComparison.Settings("", org.prunelab.runtime.cam.GradCam.Method.GRAD_CAM_PLUS_PLUS,
                Sp2ps.Spatial.SSIM, Sp2ps.Spectral.LOG_MAGNITUDE, 0);
        try (NDManager manager = project.newManager();
                NetworkModel a = ModelFiles.load(versions.get(0).directory(), manager);
                NetworkModel b = ModelFiles.load(versions.get(1).directory(), manager)) {
            int[] indices = {8, 0, 4};
            List<CamComparison.ImageMaps> maps = CamComparison.maps(a, b,
                    project.data().test(project.folder()), project.data().normalization(), settings, indices);
            for (int i = 0; i < indices.length; i++) {
                CamComparison.ImageMaps shown = maps.get(i);
                assertEquals(indices[i], shown.index());
                assertEquals(16, shown.camA().length);
                assertEquals(1, shown.pixels().length, "grey");
                CamComparison.Sample stored = result.samples().get(indices[i]);
                assertEquals(stored.predictedA(), shown.explained());
                assertEquals(stored.harmonic(), Sp2ps.compare(shown.camA(), shown.camB(), settings.measures()).harmonic(),
                        1e-5, "image " + indices[i]);
            }
        }
    }

    @Test
    void theFirstSamplesOnlyWhenAsked() throws Exception {
        CamComparison.Result result = compare(project.versions(2), "{\"samples\": 4}");
        assertEquals(List.of(0, 1, 2, 3), result.samples().stream().map(CamComparison.Sample::index).toList());
    }

    @Test
    void theStoredSp2psAgainstTheRootIsWhatTheTreeAndPropertiesShow() throws Exception {
        List<ModelVersion> versions = project.versions(2);
        ModelVersion base = versions.get(0);
        ModelVersion child = versions.get(1);
        assertEquals(Optional.empty(), CamComparisonProvider.againstRoot(registry, base, base, project.data()),
                "a root is not compared with itself");
        assertEquals(Optional.empty(), CamComparisonProvider.againstRoot(registry, child, base, null), "no dataset");

        CamComparisonProvider provider = new CamComparisonProvider(project.runtime(), registry);
        CamComparison.Result computed = provider.comparison(new CamComparisonProvider.Request(base, child,
                project.data(), CamComparison.Settings.DEFAULT), new NullProgressMonitor()).result();
        Sp2psScore expected = new Sp2psScore(base.id(), "conv4", computed.sp2ps(), computed.meanSpatial(),
                computed.meanSpectral(), 9, computed.changedPredictions());
        assertEquals(Optional.of(expected), CamComparisonProvider.known(child), "known as soon as it is computed");
        assertEquals(Optional.of(expected), CamComparisonProvider.againstRoot(registry, child, base, project.data()),
                "read back from the version's folder");

        // other settings are another comparison: the root score stays the default one
        compare(versions, "{\"method\": \"GRAD_CAM_PLUS_PLUS\"}");
        assertEquals(Optional.of(expected), CamComparisonProvider.known(child));

        assertEquals("0.482 against base (S 0.364, F 0.811; 757 of 10000 predictions changed)",
                new Sp2psScore("base", "conv4", 0.4823, 0.3638, 0.8105, 10_000, 757).describe());
        assertEquals("0.482 (S 0.36, F 0.81)", new Sp2psScore("base", "conv4", 0.4823, 0.3638, 0.8105, 10_000, 757).brief());
    }
}
