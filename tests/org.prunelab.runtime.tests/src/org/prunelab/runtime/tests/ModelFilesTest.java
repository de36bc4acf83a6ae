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
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.NetworkJson;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Saving and loading models; every kind of bad file gets a message naming it.
 */
class ModelFilesTest extends RuntimeTestCase {


    @TempDir
    Path dir;

    @Test
    void aLoadedModelComputesWhatTheSavedOneDid() throws IOException {
        try (NetworkModel model = NetworkModel.initialize(Architectures.resnet20(10), manager, 9);
                NDManager batch = manager.newSubManager()) {
            ModelFiles.save(model, dir);
            // 272 474 trained parameters + 2 × 784 batch-norm statistics, 4 bytes each, plus names and shapes
            long weights = Files.size(dir.resolve(ModelFiles.WEIGHTS_FILE));
            assertTrue(weights > (272_474L + 2 * 784) * 4 && weights < (272_474L + 2 * 784) * 4 + 20_000, "" + weights);
            assertEquals(weights + Files.size(dir.resolve(ModelFiles.NETWORK_FILE)), ModelFiles.bytesOnDisk(dir));
            try (NetworkModel loaded = ModelFiles.load(dir, manager)) {
                assertEquals(model.network(), loaded.network());
                NDArray x = SurgeryTest.input(batch, model.network(), 2);
                assertArrayEquals(Executor.logits(model, x, false).toFloatArray(),
                        Executor.logits(loaded, x, false).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void aTruncatedWeightsFileIsNamed() throws IOException {
        save();
        Path weights = dir.resolve(ModelFiles.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertEquals(weights + ": the file is truncated", e.getMessage());
    }

    @Test
    void weightsOfAnotherNetworkAreRefusedNamingTheParameter() throws IOException {
        save();
        Files.writeString(dir.resolve(ModelFiles.NETWORK_FILE), NetworkJson.toJson(
                Architectures.smallVgg("vgg-32-48-64-64", List.of(1, 28, 28), List.of(32, 48, 64, 64), 10)));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertEquals(dir.resolve(ModelFiles.WEIGHTS_FILE)
                + ": parameter 'conv2.weight' has shape (32, 32, 3, 3), the network needs (48, 32, 3, 3)", e.getMessage());
    }

    @Test
    void aFileThatIsNotWeightsIsNamed() throws IOException {
        save();
        Files.writeString(dir.resolve(ModelFiles.WEIGHTS_FILE), "PK\u0003\u0004 this is a zip, not weights");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertTrue(e.getMessage().endsWith("weights.bin: not a PruneLab weights file"), e.getMessage());
    }

    @Test
    void aCorruptNetworkFileIsNamed() throws IOException {
        save();
        Files.writeString(dir.resolve(ModelFiles.NETWORK_FILE), "{\"format\": 1, \"layers\": [");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertTrue(e.getMessage().startsWith(dir.resolve(ModelFiles.NETWORK_FILE) + ": not valid JSON"), e.getMessage());
        Files.delete(dir.resolve(ModelFiles.NETWORK_FILE));
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertEquals(dir.resolve(ModelFiles.NETWORK_FILE) + ": the file is missing", e.getMessage());
    }

    private void save() throws IOException {
        try (NetworkModel model = NetworkModel.initialize(NetworkTest.smallVgg(), manager, 1)) {
            ModelFiles.save(model, dir);
        }
    }
}
