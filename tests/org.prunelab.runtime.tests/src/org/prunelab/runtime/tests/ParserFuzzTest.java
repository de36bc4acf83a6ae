package org.prunelab.runtime.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzz targets (Jazzer) for the runtime's readers: each writes the fuzzer's bytes as one
 * file of a valid input and reads it, which must end in the input being read or in one of
 * {@link InputFormat#REFUSALS} naming the file. The normal build runs every target on its committed seed
 * corpus, {@code data/fuzz/<target>/}, and on the empty input (Jazzer's regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates the seeds of the target that {@link FuzzTargetSelection} selects
 * (docs/FUZZING.md). The duration of a fuzzing run is set by the build (fuzz.seconds), which overrides
 * {@code maxDuration}.
 */
@ExtendWith(FuzzTargetSelection.class)
class ParserFuzzTest extends RuntimeTestCase {

    private static final Map<InputFormat, Path> PREPARED = new EnumMap<>(InputFormat.class);

    @TempDir
    static Path scratch;

    /** One valid input per format, whose file under test each run overwrites: preparing is slower than reading. */
    @BeforeAll
    static void prepare() throws IOException {
        for (InputFormat format : InputFormat.values()) {
            Path dir = Files.createDirectories(scratch.resolve(format.name()));
            format.writeValid(dir, manager);
            PREPARED.put(format, dir);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void networkJson(byte[] data) throws IOException {
        read(InputFormat.NETWORK_JSON, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void weights(byte[] data) throws IOException {
        read(InputFormat.WEIGHTS, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void idxImages(byte[] data) throws IOException {
        read(InputFormat.IDX_IMAGES_RAW, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void idxLabels(byte[] data) throws IOException {
        read(InputFormat.IDX_LABELS, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void cifarBinary(byte[] data) throws IOException {
        read(InputFormat.CIFAR_BINARY, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void torchArchive(byte[] data) throws IOException {
        read(InputFormat.TORCH_STATE_DICT, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void torchPickle(byte[] data) throws IOException {
        read(InputFormat.TORCH_PICKLE, data);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void onnx(byte[] data) throws IOException {
        read(InputFormat.ONNX, data);
    }

    private static void read(InputFormat format, byte[] data) throws IOException {
        Path dir = PREPARED.get(format);
        Files.write(dir.resolve(format.fileName()), data);
        format.readOrRefuse(dir, manager);
    }

    /** The committed seeds of the target named like the test method. */
    static Stream<Arguments> seeds(TestInfo test) throws IOException {
        Path corpus = TestData.dataDir().resolve("fuzz").resolve(test.getTestMethod().orElseThrow().getName());
        try (Stream<Path> files = Files.list(corpus)) {
            return files.sorted().toList().stream().map(file -> Arguments.of((Object) readAll(file)));
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": the seed cannot be read", e);
        }
    }
}
