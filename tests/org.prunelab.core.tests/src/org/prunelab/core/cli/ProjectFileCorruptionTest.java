package org.prunelab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.versions.VersionStore;

/**
 * The project's own JSON files (prunelab.json, and a version's recipe, evaluation and training history)
 * truncated, with bytes flipped, with NaN and wrong types written into them: every command ends within a
 * time limit, with exit 0 (the damage was harmless, or the damaged version is listed with its reason) or 3
 * with a message naming the file, and never a stack trace.
 */
class ProjectFileCorruptionTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    static Path shared;
    private static Path good;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneVersion() {
        good = shared.resolve("good");
        Path data = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("fashion-mnist-subset")
                .toAbsolutePath();
        assertEquals(0, new Run("create", good.toString()).code);
        assertEquals(0, new Run("dataset", good.toString(), "fashion-mnist", "--location", data.toString()).code);
        Run train = new Run("train", good.toString(), "--model", "m", "--arch", "small-vgg:4,4,8,8", "--epochs", "1");
        assertEquals(0, train.code, train.err);
    }

    /** One command's exit code and output. */
    private static final class Run {
        final int code;
        final String out;
        final String err;

        Run(String... args) {
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            code = new PruneLabCli(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)).run(Arrays.asList(args));
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyDamageOfAProjectFileEndsInAClearMessage() throws IOException {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int inputs = 0;
        for (String file : List.of("prunelab.json", "models/m/base/recipe.json", "models/m/base/evaluation.json",
                "models/m/base/history.json")) {
            byte[] original = Files.readAllBytes(good.resolve(file));
            for (byte[] damaged : damages(new String(original, StandardCharsets.UTF_8))) {
                Path project = dir.resolve("p" + inputs++);
                ProjectFiles.copyTree(good, project);
                Path target = project.resolve(file);
                Files.write(target, damaged);
                for (String outcome : check(project, target)) {
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            }
        }
        System.out.println("project file corruption: " + inputs + " damaged files, outcomes " + outcomes);
        assertTrue(outcomes.getOrDefault("refused", 0) > 0 && outcomes.getOrDefault("listed as damaged", 0) > 0,
                outcomes::toString);
    }

    /** Runs the commands that read the file; returns what became of each. */
    private static List<String> check(Path project, Path file) {
        List<String> outcomes = new ArrayList<>();
        String name = project.relativize(file).toString();
        for (String[] command : List.of(new String[] {"list", project.toString(), "--json"},
                new String[] {"compare", project.toString(), "--model", "m", "base", "base", "--json"},
                new String[] {"list", project.toString()})) {
            Run run = assertTimeoutPreemptively(LIMIT, () -> new Run(command), () -> name + " " + command[0]);
            String what = name + " damaged, " + String.join(" ", command) + ": exit " + run.code + "\n" + run.err + run.out;
            assertFalse(run.err.contains("\tat ") || run.out.contains("\tat "), "a stack trace: " + what);
            if (run.code == 3) {
                assertTrue(run.err.contains(file.toString()) || name.equals("prunelab.json")
                        && run.err.contains(file.getParent().toString()), "the file is not named: " + what);
                outcomes.add("refused");
            } else {
                assertEquals(0, run.code, what);
                outcomes.add(run.out.contains("\"damaged\"") || run.out.contains("damaged=") ? "listed as damaged"
                        : "harmless");
            }
        }
        // the training history is read by the workbench's performance view only
        if (name.endsWith("history.json")) {
            try {
                new VersionStore(project).history(new VersionStore(project).version("m", "base"));
                outcomes.add("harmless");
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                outcomes.add("refused");
            }
        }
        return outcomes;
    }

    /** The file truncated at several offsets, with bytes flipped, with NaN, nulls and wrong types in it. */
    private static List<byte[]> damages(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> damaged = new ArrayList<>();
        for (int cut : new int[] {0, 1, bytes.length / 4, bytes.length / 2, bytes.length - 2}) {
            damaged.add(Arrays.copyOf(bytes, cut));
        }
        for (int at : new int[] {0, 3, bytes.length / 3, bytes.length / 2, 2 * bytes.length / 3, bytes.length - 3}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) 0xA5; // also makes malformed UTF-8
            damaged.add(flipped);
        }
        damaged.add(text.replaceAll("(\": )-?[0-9][0-9.eE+-]*", "$1NaN").getBytes(StandardCharsets.UTF_8));
        damaged.add(text.replaceAll("(\": )-?[0-9][0-9.eE+-]*", "$1\"x\"").getBytes(StandardCharsets.UTF_8));
        damaged.add(text.replaceAll("(\": )\"[^\"]*\"", "$1null").getBytes(StandardCharsets.UTF_8));
        damaged.add(text.replaceAll("(\": )\"[^\"]*\"", "$1[]").getBytes(StandardCharsets.UTF_8));
        damaged.add("[]".getBytes(StandardCharsets.UTF_8));
        damaged.add("null".getBytes(StandardCharsets.UTF_8));
        damaged.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        return damaged;
    }
}
