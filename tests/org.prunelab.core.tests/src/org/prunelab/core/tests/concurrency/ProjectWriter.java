package org.prunelab.core.tests.concurrency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;

/**
 * The other process of the concurrency tests: a plain JVM (no OSGi, no libtorch) that changes a project the
 * way the command line does, through the same classes, while the test's process or a second one of these
 * does too.
 * <ul>
 * <li>{@code models DIR TAG N}: lists N models TAG-0 ... in prunelab.json, one read-modify-write each;</li>
 * <li>{@code children DIR MODEL TEMPLATE N}: publishes N children of base, each the files of the version
 * folder TEMPLATE, with the next free id;</li>
 * <li>{@code hold DIR MODEL VERSION}: reserves a version, says "reserved" and holds it until killed.</li>
 * </ul>
 */
public final class ProjectWriter {

    private ProjectWriter() {
    }

    /**
     * Runs one of the writers above.
     *
     * @param args the writer and its arguments
     * @throws Exception if it fails: the test then sees a non-zero exit and the trace
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "models" -> {
                ProjectFolder project = ProjectFolder.open(dir);
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    String model = args[2] + "-" + i;
                    project.update(d -> d.withModel(model));
                }
            }
            case "children" -> {
                VersionStore store = new VersionStore(dir);
                Path template = Path.of(args[3]);
                for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                    try (VersionStore.Draft draft = store.reserve(args[2], null)) {
                        copyFiles(template, draft.folder());
                        store.publish(draft, child(), evaluation(), null);
                    }
                }
            }
            case "hold" -> {
                VersionStore.Draft draft = new VersionStore(dir).reserve(args[2], args[3]);
                System.out.println("reserved " + draft.folder().getFileName());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException("unknown writer " + args[0]);
        }
    }

    /** A trained root, the base the children are made from. */
    public static Recipe root() {
        return new Recipe("trained", null, "small-vgg", null, null, null, null, 0, null, null, 1, Instant.now());
    }

    /** A pruned child of base, as the tests compare it. */
    public static Recipe child() {
        return new Recipe("pruned", "base", null, "l1-norm", null, "uniform", null, 1, null, null, 1, Instant.now());
    }

    /** An evaluation with figures that can be told apart from defaults. */
    public static Evaluation evaluation() {
        return new Evaluation(0.5, 1.25, new double[] {0.5}, new int[][] {{1}}, 100, 200, 1, 2, 1, 0);
    }

    /** Copies a version's files (network and weights) into a draft's folder. */
    public static void copyFiles(Path version, Path into) throws IOException {
        try (Stream<Path> files = Files.list(version)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, into.resolve(file.getFileName()));
            }
        }
    }
}
