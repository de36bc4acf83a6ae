package org.prunelab.core.tests.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;

import ai.djl.ndarray.NDManager;

/**
 * Two processes write one project at once, as two command lines do, or the command line beside the
 * workbench: every change of each is there afterwards, version ids are never handed out twice, and a
 * version being written by a live process is neither taken nor removed.
 */
class ConcurrentWritersTest {

    private static final long EXIT_SECONDS = 120;
    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    void descriptorChangesOfTwoProcessesAndThisOneAllTakeEffect() throws Exception {
        ProjectFolder project = ProjectFolder.create(dir.resolve("p"), "p", "");
        int each = 40;
        Process a = ChildJvm.start(dir.resolve("a.log"), "models", project.dir().toString(), "a", "" + each);
        Process b = ChildJvm.start(dir.resolve("b.log"), "models", project.dir().toString(), "b", "" + each);
        // the dataset is set here while the other two add models: no writer may revert another's change
        DatasetSpec data = new DatasetSpec("fashion-mnist", "datasets/f", Normalization.FASHION_MNIST);
        for (int i = 0; i < each; i++) {
            String model = "c-" + i;
            project.update(d -> d.withModel(model).withDataset(data));
        }
        awaitSuccess(a, dir.resolve("a.log"));
        awaitSuccess(b, dir.resolve("b.log"));

        Set<String> expected = new HashSet<>();
        for (String tag : List.of("a", "b", "c")) {
            IntStream.range(0, each).forEach(i -> expected.add(tag + "-" + i));
        }
        assertEquals(expected, new HashSet<>(project.descriptor().models()));
        assertEquals(3 * each, project.descriptor().models().size(), "a model listed twice");
        assertEquals(data.location(), project.descriptor().dataset().location());
    }

    @Test
    void childrenPublishedByTwoProcessesAndThisOneGetDistinctIds() throws Exception {
        ProjectFolder project = ProjectFolder.create(dir.resolve("p"), "p", "");
        VersionStore store = new VersionStore(project.dir());
        try (NDManager manager = runtime().newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), manager, 1)) {
            ModelVersion base = store.write("m", "base", model, ProjectWriter.root(), ProjectWriter.evaluation());
            assertEquals(List.of("m"), project.descriptor().models(), "publishing a root lists its model");
            int each = 12;
            List<Process> writers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                writers.add(ChildJvm.start(dir.resolve(name + ".log"), "children", project.dir().toString(), "m",
                        base.directory().toString(), "" + each));
            }
            for (int i = 0; i < each; i++) {
                store.write("m", null, model, ProjectWriter.child(), ProjectWriter.evaluation());
            }
            awaitSuccess(writers.get(0), dir.resolve("a.log"));
            awaitSuccess(writers.get(1), dir.resolve("b.log"));

            List<ModelVersion> children = store.versions("m").stream().filter(v -> v.parent() != null).toList();
            assertEquals(IntStream.rangeClosed(1, 3 * each).mapToObj(i -> "v" + i).collect(Collectors.toSet()),
                    children.stream().map(ModelVersion::id).collect(Collectors.toSet()));
            assertEquals(List.of(), store.damaged("m"));
            for (ModelVersion child : children) {
                try (NetworkModel loaded = store.load(child, manager)) {
                    assertEquals(model.network(), loaded.network(), child.id());
                }
            }
            try (Stream<Path> left = Files.list(project.dir().resolve("models/m"))) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                        "scratch folders left behind");
            }
        }
    }

    @Test
    void aVersionReservedByALiveProcessIsRefusedAndAKilledOnesIsCleared() throws Exception {
        ProjectFolder project = ProjectFolder.create(dir.resolve("p"), "p", "");
        Path log = dir.resolve("hold.log");
        Process holder = ChildJvm.start(log, "hold", project.dir().toString(), "m", "base");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
            while (!Files.readString(log).contains("reserved")) {
                assertTrue(holder.isAlive(), () -> "the holder ended: " + read(log));
                assertTrue(System.nanoTime() < deadline, "the holder did not reserve in time");
                Thread.sleep(20);
            }
            // a second training of the same model is refused at once, naming the process that trains it
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                    () -> new VersionStore(project.dir()).reserve("m", "base"));
            assertTrue(e.getMessage().contains("is being written by process " + holder.pid()), e.getMessage());
            assertEquals(List.of(), project.descriptor().models(), "a model without a version is listed");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // killed: the next store removes its scratch folder, and the model can be made again
        VersionStore store = new VersionStore(project.dir());
        try (Stream<Path> left = Files.list(project.dir().resolve("models/m"))) {
            assertEquals(List.of(), left.toList());
        }
        assertEquals(List.of(), store.versions("m"));
        assertEquals(List.of(), project.descriptor().models());
        try (VersionStore.Draft draft = store.reserve("m", "base")) {
            assertTrue(Files.isDirectory(draft.folder()));
        }
        assertFalse(Files.exists(project.dir().resolve("models/m/base")));
    }

    @Test
    void aWriterKilledAtAnyMomentLeavesOnlyCompleteVersions() throws Exception {
        ProjectFolder project = ProjectFolder.create(dir.resolve("p"), "p", "");
        VersionStore store = new VersionStore(project.dir());
        try (NDManager manager = runtime().newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), manager, 1)) {
            ModelVersion base = store.write("m", "base", model, ProjectWriter.root(), ProjectWriter.evaluation());
            Random random = new Random(7);
            int published = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = dir.resolve("kill-" + kill + ".log");
                Process writer = ChildJvm.start(log, "children", project.dir().toString(), "m",
                        base.directory().toString(), "100000");
                // killed while it writes: once it has published one, at a random moment of the next ones
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
                while (store.versions("m").size() <= published + 1) {
                    assertTrue(writer.isAlive(), () -> "the writer ended: " + read(log));
                    assertTrue(System.nanoTime() < deadline, "the writer published nothing in time");
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(300));
                writer.destroyForcibly().waitFor();
                VersionStore reopened = new VersionStore(project.dir());
                List<ModelVersion> versions = reopened.versions("m");
                assertEquals(List.of(), reopened.damaged("m"), "after kill " + kill);
                for (ModelVersion v : versions) {
                    try (NetworkModel loaded = reopened.load(v, manager)) {
                        assertEquals(model.network(), loaded.network(), v.id());
                    }
                }
                assertEquals(IntStream.rangeClosed(1, versions.size() - 1).mapToObj(i -> "v" + i).toList(),
                        versions.stream().filter(v -> v.parent() != null).map(ModelVersion::id).sorted(
                                Comparator.comparingInt(id -> Integer.parseInt(id.substring(1)))).toList());
                try (Stream<Path> left = Files.list(project.dir().resolve("models/m"))) {
                    assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                            "scratch folders left after kill " + kill);
                }
                published = versions.size() - 1;
            }
            System.out.println("kills survived: " + KILLS + " writers killed with SIGKILL while publishing, "
                    + published + " versions published, none damaged");
            assertTrue(published > 0, "no writer published anything before it was killed");
        }
    }

    private static void awaitSuccess(Process process, Path log) throws InterruptedException {
        assertTrue(process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), () -> "still running: " + read(log));
        assertEquals(0, process.exitValue(), () -> read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static ModelRuntime runtime() throws InterruptedException {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(VersionStore.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        return tracker.waitForService(30_000);
    }
}
