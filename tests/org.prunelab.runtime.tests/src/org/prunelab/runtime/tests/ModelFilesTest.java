package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;

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

    @Test
    void aNanOrInfiniteWeightIsRefusedNamingTheFileAndParameter() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            save();
            Path weights = dir.resolve(ModelFiles.WEIGHTS_FILE);
            byte[] bytes = Files.readAllBytes(weights);
            // the last value of the file: the last parameter's last float
            ByteBuffer.wrap(bytes).putFloat(bytes.length - 4, bad);
            Files.write(weights, bytes);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
            assertTrue(e.getMessage().startsWith(weights + ": parameter 'fc.bias' holds " + bad + " at index 9 of 10"),
                    e.getMessage());
        }
    }

    @Test
    void aNetworkClaimingHugeLayersIsRefusedWithoutAllocatingThem() throws IOException {
        // 2 000 000 × 784 weights (6 GB) announced by both files; the weights file holds 8 bytes of them
        Network huge = new Network("huge", List.of(1, 28, 28), List.of(Layer.of("flat", new Op.Flatten(),
                Network.INPUT), Layer.of("fc", new Op.Linear(2_000_000, false), "flat")));
        Files.writeString(dir.resolve(ModelFiles.NETWORK_FILE), NetworkJson.toJson(huge));
        Path weights = dir.resolve(ModelFiles.WEIGHTS_FILE);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(weights))) {
            out.writeBytes("PLWEIGHT");
            out.writeInt(1);
            out.writeInt(1);
            out.writeUTF("fc.weight");
            out.writeInt(2);
            out.writeLong(2_000_000);
            out.writeLong(784);
            out.writeLong(0);
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertEquals(weights + ": the file is truncated", e.getMessage());
    }

    @Test
    void aNetworkFileThatIsNotTextIsNamed() throws IOException {
        save();
        Files.write(dir.resolve(ModelFiles.NETWORK_FILE), new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir, manager));
        assertEquals(dir.resolve(ModelFiles.NETWORK_FILE) + ": is not UTF-8 text", e.getMessage());
    }

    private void save() throws IOException {
        try (NetworkModel model = NetworkModel.initialize(NetworkTest.smallVgg(), manager, 1)) {
            ModelFiles.save(model, dir);
        }
    }
}
