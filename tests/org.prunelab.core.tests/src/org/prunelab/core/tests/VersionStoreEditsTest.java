package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;

import ai.djl.ndarray.NDManager;

/**
 * Display names and deletion of versions: a name never changes an id or a folder, and a deletion takes
 * a version with all its descendants or nothing.
 */
class VersionStoreEditsTest {

    @TempDir
    Path dir;

    private ServiceTracker<ModelRuntime, ModelRuntime> tracker;
    private NDManager manager;
    private NetworkModel model;
    private VersionStore store;

    @BeforeEach
    void writeALineage() throws Exception {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(VersionStore.class).getBundleContext(),
                ModelRuntime.class, null);
        tracker.open();
        manager = tracker.waitForService(30_000).newManager();
        model = NetworkModel.initialize(Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10),
                manager, 1);
        store = new VersionStore(dir);
        // base ─ v1 ─ v2
        //      │    └ v4
        //      └ v3
        write("base", null, 0);
        write("v1", "base", 1);
        write("v2", "v1", 2);
        write("v3", "base", 3);
        write("v4", "v1", 4);
    }

    @AfterEach
    void close() {
        model.close();
        manager.close();
        tracker.close();
    }

    private ModelVersion write(String id, String parent, int second) throws Exception {
        Recipe recipe = new Recipe(parent == null ? "trained" : "pruned", parent, null, null, null, null, null, 0, null,
                null, 1, Instant.ofEpochSecond(1_700_000_000L + second));
        return store.write("m", id, model, recipe,
                new Evaluation(0.9, 0.3, new double[] {0.9}, new int[][] {{9}}, 100, 200, 1, 2, 2, 0));
    }

    private ModelVersion version(String id) throws Exception {
        return store.version("m", id);
    }

    private List<String> folders() throws Exception {
        try (Stream<Path> all = Files.list(dir.resolve("models/m"))) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNameIsStoredBesideTheVersionAndLeavesItsIdAlone() throws Exception {
        ModelVersion v1 = version("v1");
        assertEquals(Optional.empty(), store.label(v1));
        store.rename(v1, "  Taylor 50 %, fine-tuned  ");
        assertEquals(Optional.of("Taylor 50 %, fine-tuned"), store.label(v1));
        assertEquals("Taylor 50 %, fine-tuned\n", Files.readString(v1.directory().resolve(VersionStore.LABEL_FILE)));
        // a store opened later reads it; ids, folders and the lineage are as they were
        VersionStore reopened = new VersionStore(dir);
        assertEquals(Optional.of("Taylor 50 %, fine-tuned"), reopened.label(reopened.version("m", "v1")));
        assertEquals(List.of("base", "v1", "v2", "v3", "v4"), folders());
        assertEquals("v1", reopened.version("m", "v2").parent());

        store.rename(v1, "second thoughts");
        assertEquals(Optional.of("second thoughts"), store.label(v1));
        store.rename(v1, " ");
        assertEquals(Optional.empty(), store.label(v1));
        assertTrue(Files.notExists(v1.directory().resolve(VersionStore.LABEL_FILE)));
        try (Stream<Path> files = Files.list(v1.directory())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file is left");
        }
    }

    @Test
    void badNamesAreRefused() throws Exception {
        ModelVersion v1 = version("v1");
        assertEquals("a version's name is one line",
                assertThrows(IllegalArgumentException.class, () -> store.rename(v1, "two\nlines")).getMessage());
        assertEquals("a version's name has at most 80 characters, not 81",
                assertThrows(IllegalArgumentException.class, () -> store.rename(v1, "x".repeat(81))).getMessage());
        ModelVersion gone = new ModelVersion("m", "v9", dir.resolve("models/m/v9"), v1.recipe(), v1.evaluation());
        assertThrows(NoSuchFileException.class, () -> store.rename(gone, "ghost"));
        assertEquals(Optional.empty(), store.label(v1));
    }

    @Test
    void descendantsComeGenerationByGeneration() throws Exception {
        assertEquals(List.of("v1", "v3", "v2", "v4"), store.descendants(version("base")).stream().map(ModelVersion::id)
                .toList());
        assertEquals(List.of("v2", "v4"), store.descendants(version("v1")).stream().map(ModelVersion::id).toList());
        assertEquals(List.of(), store.descendants(version("v3")));
    }

    @Test
    void deletingALeafRemovesExactlyItsFolder() throws Exception {
        List<ModelVersion> deleted = store.delete(version("v3"), false);
        assertEquals(List.of("v3"), deleted.stream().map(ModelVersion::id).toList());
        assertEquals(List.of("base", "v1", "v2", "v4"), folders());
        assertEquals(List.of("base", "v1", "v2", "v4"), store.versions("m").stream().map(ModelVersion::id).toList());
    }

    @Test
    void aVersionWithDescendantsGoesWithAllOfThemOrNotAtAll() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.delete(version("v1"),
                false));
        assertEquals("m/v1 has versions made from it (v2, v4): delete them with it, or not at all", refused.getMessage());
        assertEquals(List.of("base", "v1", "v2", "v3", "v4"), folders());

        List<ModelVersion> deleted = store.delete(version("v1"), true);
        assertEquals(List.of("v1", "v2", "v4"), deleted.stream().map(ModelVersion::id).toList());
        assertEquals(List.of("base", "v3"), folders(), "the subtree went, and its temporary folder too");
    }

    @Test
    void whatAnInterruptedDeletionLeftIsNeverListedAndGoesWhenTheStoreOpens() throws Exception {
        // a deletion killed after moving v2 aside
        Path trash = Files.createDirectories(dir.resolve("models/m/.deleting-v2-42"));
        Files.move(dir.resolve("models/m/v2"), trash.resolve("v2"));
        assertEquals(List.of("base", "v1", "v3", "v4"), store.versions("m").stream().map(ModelVersion::id).toList());
        new VersionStore(dir);
        assertTrue(Files.notExists(trash));
        assertEquals(List.of("base", "v1", "v3", "v4"), folders());
    }
}
