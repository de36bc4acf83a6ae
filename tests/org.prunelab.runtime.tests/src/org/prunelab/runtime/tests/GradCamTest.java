package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.cam.GradCam;
import org.prunelab.runtime.cam.GradCam.Method;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.torch.TorchImport;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Grad-CAM and Grad-CAM++ against a case computed by hand and against PyTorch's autograd on the import
 * fixture (data/torch/make-gradcam-fixture.py).
 */
class GradCamTest extends RuntimeTestCase {

    @Test
    void handModelsMapIsTheGradientWeightedConvolutionUpsampled() {
        try (NetworkModel model = ExecutorTest.handModel(manager); NDManager batch = manager.newSubManager()) {
            NDArray x = batch.arange(1f, 10f).reshape(1, 1, 3, 3);
            // logits [11, 1, −9]: class 0. Its logit reaches conv only through filter 0's last position
            // (BN's γ/σ = 2/5 there), so α = (0.4 / 4, 0) and the map is 0.1 · [37.5 47.5; 67.5 77.5].
            // Upsampled 2×2 → 3×3 with half-pixel centres: the middle row and column are the means.
            GradCam.Maps maps = GradCam.of(model, x, null, "conv", Method.GRAD_CAM);
            assertArrayEquals(new int[] {0}, maps.predicted());
            assertArrayEquals(new int[] {0}, maps.classes());
            float[][] expected = {{0, 0.125f, 0.25f}, {0.375f, 0.5f, 0.625f}, {0.75f, 0.875f, 1}};
            for (int y = 0; y < 3; y++) {
                assertArrayEquals(expected[y], maps.maps()[0][y], 1e-6f);
            }
            // Grad-CAM++ weighs the one channel with a gradient by a positive factor: the same map
            float[][] plusPlus = GradCam.of(model, x, null, "conv", Method.GRAD_CAM_PLUS_PLUS).maps()[0];
            for (int y = 0; y < 3; y++) {
                assertArrayEquals(expected[y], plusPlus[y], 1e-6f);
            }
            // class 2's logit falls as filter 0 grows: α0 < 0, ReLU leaves nothing, and the map stays zero
            float[][] none = GradCam.of(model, x, new int[] {2}, "conv", Method.GRAD_CAM).maps()[0];
            for (float[] row : none) {
                assertArrayEquals(new float[3], row);
            }
        }
    }

    @Test
    void upsamplingIsPyTorchsBilinearWithoutCornerAlignment() {
        // F.interpolate([[0, 1], [2, 3]], size=(4, 4), mode='bilinear', align_corners=False)
        float[][] up = GradCam.upsample(new float[][] {{0, 1}, {2, 3}}, 4, 4);
        float[][] torch = {{0, 0.25f, 0.75f, 1}, {0.5f, 0.75f, 1.25f, 1.5f}, {1.5f, 1.75f, 2.25f, 2.5f},
            {2, 2.25f, 2.75f, 3}};
        for (int y = 0; y < 4; y++) {
            assertArrayEquals(torch[y], up[y], 1e-6f);
        }
        // the same size is the identity
        assertArrayEquals(new float[] {2, 3}, GradCam.upsample(new float[][] {{0, 1}, {2, 3}}, 2, 2)[1]);
    }

    @Test
    void mapsAreThoseOfPyTorchsAutograd() throws IOException {
        JsonObject fixture = JsonParser.parseString(Files.readString(TorchImportTest.fixture("gradcam.json")))
                .getAsJsonObject();
        float[] pixels = new float[2 * 784];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 784; i++) {
                pixels[n * 784 + i] = (float) Math.sin(0.1f * (n + 1) * i);
            }
        }
        int nonZero = 0;
        try (NetworkModel model = TorchImport.load(
                TorchImportTest.fixture("small-vgg-state-dict.pt"), TorchImportTest.fixtureNetwork(), manager);
                NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(pixels, new Shape(2, 1, 28, 28));
            for (JsonElement element : fixture.getAsJsonArray("cases")) {
                JsonObject c = element.getAsJsonObject();
                String layer = c.get("layer").getAsString();
                Method method = Method.valueOf(c.get("method").getAsString());
                int[] classes = ints(c.getAsJsonArray("classes"));
                GradCam.Maps maps = GradCam.of(model, x, c.get("chosen").getAsBoolean() ? classes : null, layer, method);
                String label = layer + " " + method + " classes " + c.get("classes");
                assertArrayEquals(ints(c.getAsJsonArray("predicted")), maps.predicted(), label);
                assertArrayEquals(classes, maps.classes(), label);
                JsonArray expected = c.getAsJsonArray("maps");
                for (int n = 0; n < 2; n++) {
                    for (int y = 0; y < 28; y++) {
                        JsonArray row = expected.get(n).getAsJsonArray().get(y).getAsJsonArray();
                        for (int i = 0; i < 28; i++) {
                            float want = row.get(i).getAsFloat();
                            assertEquals(want, maps.maps()[n][y][i], 2e-4f, label + " image " + n + " at " + y + "," + i);
                            nonZero += want > 0 ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertTrue(nonZero > 4000, "the fixture exercises non-trivial maps: " + nonZero);
    }

    @Test
    void theDefaultLayerIsTheLastConvolutionAndOthersAreRefused() {
        Network network = TorchImportTest.fixtureNetwork();
        assertEquals("conv4", GradCam.defaultLayer(network));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradCam.requireConvolution(network, "bn4"))
                .getMessage().contains("layer 'bn4' of network torch-4-4-8-8 is a batchnorm2d, not a convolution"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradCam.requireConvolution(network, "conv9"))
                .getMessage().contains("has no layer 'conv9'; its convolutions: [conv1, conv2, conv3, conv4]"));
        Network dense = new Network("dense", List.of(1, 2, 2), List.of(
                Layer.of("flatten", new Op.Flatten(), Network.INPUT), Layer.of("fc", new Op.Linear(2, true), "flatten")));
        assertEquals("network dense has no convolution to explain",
                assertThrows(IllegalArgumentException.class, () -> GradCam.defaultLayer(dense)).getMessage());
        try (NetworkModel model = ExecutorTest.handModel(manager); NDManager batch = manager.newSubManager()) {
            NDArray x = batch.arange(1f, 10f).reshape(1, 1, 3, 3);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> GradCam.of(model, x, new int[] {3}, "conv", Method.GRAD_CAM)).getMessage()
                    .contains("class 3 is out of range: network hand has 3 classes"));
        }
    }

    private static int[] ints(JsonArray array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }
}
