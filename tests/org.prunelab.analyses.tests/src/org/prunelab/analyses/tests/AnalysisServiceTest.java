package org.prunelab.analyses.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.model.ModelFiles;

import ai.djl.ndarray.NDManager;

/**
 * Storing, reusing and isolating analyses.
 */
class AnalysisServiceTest extends OnTheContractProject {

    private static final String COUNTING = "org.prunelab.analyses.tests.counting";

    @Test
    void aStoredResultIsReusedUntilItsSettingsOrWeightsChange() throws Exception {
        List<ModelVersion> child = project.versions(1);
        int runs = TestAnalyses.Counting.RUNS.get();
        AnalysisService.Stored<Record> first = run(COUNTING, "{\"offset\": 5}", child);
        long parameters = ((TestAnalyses.Count) first.result()).parameters();
        assertEquals(runs + 1, TestAnalyses.Counting.RUNS.get());
        assertEquals(child.get(0).directory().resolve("analyses").resolve(COUNTING), first.file().getParent());

        AnalysisService.Stored<Record> again = run(COUNTING, "{\"offset\": 5}", child);
        assertTrue(again.reused());
        assertEquals(first.result(), again.result());
        assertEquals(runs + 1, TestAnalyses.Counting.RUNS.get(), "reloaded, not run again");

        AnalysisService.Stored<Record> other = run(COUNTING, "{\"offset\": 6}", child);
        assertFalse(other.reused());
        assertEquals(parameters + 1, ((TestAnalyses.Count) other.result()).parameters());
        assertNotEquals(first.file(), other.file(), "each setting keeps its own result");
        assertTrue(run(COUNTING, "{\"offset\": 5}", child).reused(), "and the first is still there");

        // every stored result of the analysis, whatever its settings, as the views list them
        List<Path> listed = AnalysisService.storedResults(registry, COUNTING, child.get(0), project.data()).stream()
                .map(AnalysisService.Stored::file).toList();
        assertTrue(listed.containsAll(List.of(first.file(), other.file())), listed.toString());
        Files.writeString(first.file().resolveSibling("damaged.json"), "{ not json");

        // new weights under the same id (a version deleted and written again) are new inputs
        Path weights = child.get(0).directory().resolve(ModelFiles.WEIGHTS_FILE);
        byte[] saved = Files.readAllBytes(weights);
        try {
            Files.copy(project.versions(2).get(0).directory().resolve(ModelFiles.WEIGHTS_FILE), weights,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(List.of(), AnalysisService.storedResults(registry, COUNTING, child.get(0), project.data()),
                    "results of other weights are not this version's (and a damaged file is skipped)");
            assertFalse(run(COUNTING, "{\"offset\": 5}", child).reused());
        } finally {
            Files.write(weights, saved);
            Files.delete(first.file().resolveSibling("damaged.json"));
        }
    }

    @Test
    void aDamagedStoredResultIsComputedAgain() throws Exception {
        AnalysisService.Stored<Record> first = run(COUNTING, "{\"offset\": 7}", project.versions(1));
        Files.writeString(first.file(), "{\"inputs\": ");
        int runs = TestAnalyses.Counting.RUNS.get();
        AnalysisService.Stored<Record> again = run(COUNTING, "{\"offset\": 7}", project.versions(1));
        assertFalse(again.reused());
        assertEquals(first.result(), again.result());
        assertEquals(runs + 1, TestAnalyses.Counting.RUNS.get());
        assertTrue(run(COUNTING, "{\"offset\": 7}", project.versions(1)).reused(), "the file was replaced");
    }

    @Test
    void aThrowingAnalysisIsReportedByItsPluginAndStoresNothing() throws Exception {
        ContributionException e = assertThrows(ContributionException.class,
                () -> run("org.prunelab.analyses.tests.throwing", null, project.versions(2)));
        assertTrue(e.getMessage().contains("'Throwing' (org.prunelab.analyses.tests.throwing) of plug-in "
                + "org.prunelab.analyses failed to analyse contract/base and contract/v1"), e.getMessage());
        assertTrue(e.getMessage().contains("a bug in the plug-in"), e.getMessage());
        assertFalse(Files.exists(project.versions(2).get(1).directory().resolve("analyses")
                .resolve("org.prunelab.analyses.tests.throwing")));
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        assertFalse(registry.descriptor("org.prunelab.analyses.tests.threeVersions").isPresent(),
                "versions=\"3\" is refused when the registry reads it");
        assertEquals("CAM comparison (Sp2PS) takes two versions (a baseline and a version compared with it), not 1",
                assertThrows(IllegalArgumentException.class,
                        () -> run("org.prunelab.analyses.camComparison", null, project.versions(1))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> run("org.prunelab.analyses.camComparison", "{\"layer\": \"bn4\"}", project.versions(2)))
                .getMessage().startsWith("CAM comparison (Sp2PS): layer 'bn4' of network contract is a batchnorm2d, "
                        + "not a convolution"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> run("org.prunelab.analyses.camComparison", "{\"layr\": \"conv4\"}", project.versions(2)))
                .getMessage().contains("have no 'layr'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("org.example.none", null, project.versions(1)))
                .getMessage().startsWith("no analysis 'org.example.none' is installed; installed: ["));
        ModelVersion base = project.versions(2).get(0);
        ModelVersion stranger = new ModelVersion("other", "base", base.directory(), base.recipe(), base.evaluation());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> run("org.prunelab.analyses.camComparison", null, List.of(base, stranger))).getMessage()
                .contains("are versions of different models (contract, other)"));
        try (NDManager manager = project.newManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> AnalysisService.run(
                    AnalysisService.request(registry, COUNTING, (com.google.gson.JsonElement) null), project.versions(1),
                    null, manager, new NullProgressMonitor())).getMessage().startsWith("the project has no dataset"));
        }
    }
}
