package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.torch.TorchArchive;
import org.prunelab.runtime.torch.TorchImport;
import org.prunelab.runtime.torch.TorchTensor;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Weights written by PyTorch (data/torch/make-torch-fixture.py) compute PyTorch's logits in PruneLab.
 */
class TorchImportTest extends RuntimeTestCase {


    @TempDir
    Path dir;

    static Path fixture(String name) {
        return Path.of(System.getProperty("prunelab.test.data", "data")).resolve("torch").resolve(name);
    }

    static Network fixtureNetwork() {
        return Architectures.smallVgg("torch-4-4-8-8", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10);
    }

    @Test
    void torchScriptAndStateDictGiveTorchsLogits() throws IOException {
        JsonArray expected = JsonParser.parseString(Files.readString(fixture("expected.json"))).getAsJsonObject()
                .getAsJsonArray("logits");
        float[] logits = new float[20];
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 10; k++) {
                logits[n * 10 + k] = expected.get(n).getAsJsonArray().get(k).getAsFloat();
            }
        }
        float[] pixels = new float[2 * 784];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 784; i++) {
                pixels[n * 784 + i] = (float) Math.sin(0.1f * (n + 1) * i);
            }
        }
        for (String file : List.of("small-vgg-torchscript.pt", "small-vgg-state-dict.pt")) {
            try (NetworkModel model = TorchImport.load(fixture(file), fixtureNetwork(), manager);
                    NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(pixels, new Shape(2, 1, 28, 28));
                assertArrayEquals(logits, Executor.logits(model, x, false).toFloatArray(), 1e-4f, file);
            }
        }
    }

    @Test
    void archivesListParametersAndBatchNormStatisticsByName() {
        List<TorchTensor> tensors = TorchArchive.read(fixture("small-vgg-torchscript.pt"));
        List<String> names = tensors.stream().map(TorchTensor::name).toList();
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), names.subList(0, 6));
        assertTrue(names.contains("15.weight") && names.contains("15.bias"), names.toString());
        TorchTensor fc = tensors.stream().filter(t -> t.name().equals("15.weight")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {10, 392}, fc.shape());
        assertEquals(3920, fc.values().length);
        assertEquals(names, TorchArchive.read(fixture("small-vgg-state-dict.pt")).stream().map(TorchTensor::name)
                .toList());
    }

    @Test
    void aNetworkOfOtherWidthsIsRefusedNamingTheTensor() {
        Network wider = Architectures.smallVgg("wider", List.of(1, 28, 28), List.of(4, 6, 8, 8), 10);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> TorchImport.load(fixture("small-vgg-state-dict.pt"), wider, manager));
        assertTrue(e.getMessage().endsWith("tensor '3.weight' has shape [4, 4, 3, 3], layer 'conv2' needs (6, 4, 3, 3)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAnArchiveOrIsTruncatedIsNamed() throws IOException {
        Path text = dir.resolve("weights.pt");
        Files.writeString(text, "not a zip");
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchArchive.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not a PyTorch archive"), e.getMessage());
        byte[] bytes = Files.readAllBytes(fixture("small-vgg-state-dict.pt"));
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFileException.class, () -> TorchArchive.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());
    }
}
