package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.versions.DamagedVersion;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * Versions are written atomically: an interrupted write leaves the project as it was.
 */
class VersionStoreTest {

    @TempDir
    Path dir;

    private static Recipe recipe(String parent) {
        return new Recipe(parent == null ? "trained" : "pruned", parent, "small-vgg", null, null, null, null, 0, null,
                null, 1, Instant.now());
    }

    private static Evaluation evaluation() {
        return new Evaluation(0.9, 0.3, new double[] {0.9}, new int[][] {{9}}, 100, 200, 1, 2, 2, 0);
    }

    @Test
    void anInterruptedWriteLeavesTheLastGoodState() throws Exception {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(VersionStore.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        try (NDManager manager = tracker.waitForService(30_000).newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), manager, 1)) {
            VersionStore store = new VersionStore(dir);
            ModelVersion base = store.write("m", "base", model, recipe(null), evaluation());
            assertTrue(base.evaluation().bytes() > 0);
            // a write killed half-way: the temporary folder holds a network but no weights
            Path killed = Files.createDirectories(dir.resolve("models/m/.writing-v1-123"));
            Files.writeString(killed.resolve("network.json"), "{\"format\": 1, \"layers\": [");
            assertEquals(List.of("base"), store.versions("m").stream().map(ModelVersion::id).toList());
            assertEquals("v1", store.nextVersionId("m"));
            // reopening the project removes the leftover; the good version still loads
            VersionStore reopened = new VersionStore(dir);
            assertTrue(Files.notExists(killed));
            try (NetworkModel loaded = reopened.load(reopened.version("m", "base"), manager)) {
                assertEquals(model.network(), loaded.network());
            }
            assertThrows(FileAlreadyExistsException.class,
                    () -> store.write("m", "base", model, recipe(null), evaluation()));
            ModelVersion child = store.write("m", "v1", model, recipe("base"), evaluation());
            assertEquals(List.of("base", "v1"), store.versions("m").stream().map(ModelVersion::id).toList());
            assertEquals("base", child.parent());
        }
    }

    @Test
    void aNewModelWhoseTrainingStopsLeavesNoFolder() throws Exception {
        VersionStore store = new VersionStore(dir);
        try (VersionStore.Draft draft = store.reserve("cancelled", "base")) {
            assertTrue(Files.isDirectory(dir.resolve("models/cancelled")));
        }
        assertTrue(Files.notExists(dir.resolve("models/cancelled")), "the model's folder went with its draft");
        // a model that has versions keeps its folder when a child's draft is dropped
        Files.createDirectories(dir.resolve("models/kept/base"));
        store.reserve("kept", "v1").close();
        assertTrue(Files.isDirectory(dir.resolve("models/kept/base")));
    }

    @Test
    void openingAStoreLeavesWritesInProgressAlone() throws Exception {
        // another store of this process (a job) is writing v2; a process that has ended left v3 half-written
        long running = ProcessHandle.current().pid();
        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        Path writing = Files.createDirectories(dir.resolve("models/m/.writing-v2-" + running + "-17"));
        Path left = Files.createDirectories(dir.resolve("models/m/.writing-v3-" + ended.pid() + "-18"));
        Path deleting = Files.createDirectories(dir.resolve("models/m/.deleting-v4-" + ended.pid() + "-19"));
        new VersionStore(dir);
        assertTrue(Files.isDirectory(writing), "the running write is kept");
        assertTrue(Files.notExists(left), "the ended write is removed");
        assertTrue(Files.notExists(deleting), "the ended delete is finished");
    }

    @Test
    void oneDamagedVersionHidesNothingElse() throws Exception {
        try (NDManager manager = runtime().newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), manager, 1)) {
            VersionStore store = new VersionStore(dir);
            store.write("m", "base", model, recipe(null), evaluation());
            ModelVersion v1 = store.write("m", "v1", model, recipe("base"), evaluation());
            Path noEvaluation = Files.createDirectories(dir.resolve("models/m/v3"));
            Files.writeString(noEvaluation.resolve("recipe.json"), "{\"kind\": \"pruned\"}");
            Path empty = Files.createDirectories(dir.resolve("models/m/v4"));
            Path undated = dir.resolve("models/m/v5");
            copyTree(v1.directory(), undated);
            JsonObject recipe = JsonParser.parseString(Files.readString(undated.resolve("recipe.json"))).getAsJsonObject();
            recipe.remove("created");
            Files.writeString(undated.resolve("recipe.json"), recipe.toString());

            assertEquals(List.of("base", "v1"), store.versions("m").stream().map(ModelVersion::id).toList());
            List<DamagedVersion> damaged = store.damaged("m");
            assertEquals(List.of("v3", "v4", "v5"), damaged.stream().map(DamagedVersion::id).toList());
            assertEquals(noEvaluation.resolve("evaluation.json") + ": incomplete version, evaluation.json is missing",
                    damaged.get(0).reason());
            assertEquals(empty.resolve("recipe.json") + ": empty version folder", damaged.get(1).reason());
            assertEquals(undated.resolve("recipe.json") + ": no 'created'", damaged.get(2).reason());
            // only what needs the damaged version fails, naming it
            IOException e = assertThrows(IOException.class, () -> store.version("m", "v5"));
            assertEquals(damaged.get(2).reason(), e.getMessage());
            // the rest works: a new child gets the first free id, beside the damaged folders
            assertEquals("v2", store.write("m", null, model, recipe("v1"), evaluation()).id());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static ModelRuntime runtime() throws InterruptedException {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(VersionStore.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        return tracker.waitForService(30_000);
    }

    @Test
    void idsAreChecked() throws IOException {
        VersionStore store = new VersionStore(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.write("../escape", "v1", null, recipe(null), evaluation()));
        assertEquals("'../escape' is not a valid id: use letters, digits, '.', '_' and '-'", e.getMessage());
    }
}
