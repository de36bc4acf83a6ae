package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.tests.Corruptions.Corruption;

/**
 * Every format the runtime reads, truncated, with flipped bytes, and with NaN in its weights: each input
 * is either read completely or refused with one of {@link InputFormat#REFUSALS} naming the file, within a
 * time limit. Never a stack overflow, an out-of-memory error, a runtime exception of another kind, or a
 * hang. The counts are printed for the documentation.
 */
class CorruptionSuiteTest extends RuntimeTestCase {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final Map<InputFormat, int[]> COUNTS = new EnumMap<>(InputFormat.class);

    @TempDir
    static Path scratch;

    @TestFactory
    List<DynamicTest> everyCorruptionIsReadOrRefusedNamingTheFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (InputFormat format : InputFormat.values()) {
            tests.add(DynamicTest.dynamicTest(format.name(), () -> {
                byte[] valid = format.validBytes(scratch, manager);
                assertTrue(read(format, new Corruption("valid", valid)), format + ": the valid input is refused");
                for (Corruption corruption : Corruptions.of(valid, format.ordinal())) {
                    read(format, corruption);
                }
                for (Corruption corruption : nonFinite(format, valid)) {
                    assertFalse(read(format, corruption), format + ", " + corruption.description() + ": was loaded");
                }
            }));
        }
        return tests;
    }

    private static List<Corruption> nonFinite(InputFormat format, byte[] valid) throws IOException {
        return switch (format) {
            case WEIGHTS -> Corruptions.nanWeights(valid);
            // the first storage of both fixtures is the first convolution's weight
            case TORCH_STATE_DICT, TORCH_SCRIPT -> Corruptions.nanStorages(valid, scratch).subList(0, 1);
            default -> List.of();
        };
    }

    /** Reads one input within the time limit, counting it; true if it was read. */
    private static boolean read(InputFormat format, Corruption corruption) {
        boolean loaded = assertTimeoutPreemptively(LIMIT, () -> {
            Path dir = format.writeWith(corruption.bytes(), scratch, manager);
            return format.readOrRefuse(dir, manager);
        }, () -> format + ", " + corruption.description() + ": took longer than " + LIMIT);
        int[] counts = COUNTS.computeIfAbsent(format, f -> new int[2]);
        counts[loaded ? 0 : 1]++;
        return loaded;
    }

    @AfterAll
    static void printCounts() {
        int loaded = 0;
        int refused = 0;
        StringBuilder table = new StringBuilder("[corruption suite] format: inputs tried / loaded / refused\n");
        for (Map.Entry<InputFormat, int[]> entry : COUNTS.entrySet()) {
            int[] c = entry.getValue();
            table.append(String.format("  %-18s %4d / %4d / %4d%n", entry.getKey(), c[0] + c[1], c[0], c[1]));
            loaded += c[0];
            refused += c[1];
        }
        table.append(String.format("  %-18s %4d / %4d / %4d", "all", loaded + refused, loaded, refused));
        System.out.println(table);
    }
}
