package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.geometry.FeatureGeometry;
import org.prunelab.runtime.geometry.SampleGeometry;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Angle, length and both margins of the last feature layer, by hand and through a network.
 */
class FeatureGeometryTest extends RuntimeTestCase {

    /** Three classes along +x, +y and −x; no bias. */
    private static final float[][] W = {{1, 0}, {0, 1}, {-1, 0}};
    private static final float[] B = {0, 0, 0};

    @Test
    void aHandBuiltLinearHead() {
        // x = (3, 4): ‖x‖ = 5, cos θ = 3/5, 4/5, −3/5; logits 3, 4, −3: class 1
        SampleGeometry right = FeatureGeometry.of(7, new float[] {3, 4}, W, B, 1);
        assertEquals(7, right.index());
        assertEquals(1, right.predicted());
        assertEquals(5, right.length(), 1e-12);
        assertEquals(Math.acos(0.8), right.angleTrue(), 1e-12);
        assertEquals(Math.acos(0.8), right.anglePredicted(), 1e-12);
        // boundaries with class 0: (w1 − w0)·x / ‖w1 − w0‖ = (−3 + 4)/√2; with class 2: (3 + 4)/√2
        assertEquals(1 / Math.sqrt(2), right.margin(), 1e-12);
        // the nearest other class in angle is class 0: acos(0.6) − acos(0.8)
        assertEquals(Math.acos(0.6) - Math.acos(0.8), right.angularMargin(), 1e-12);

        // the same x labelled class 0 is misclassified: both margins are negative
        SampleGeometry wrong = FeatureGeometry.of(7, new float[] {3, 4}, W, B, 0);
        assertEquals(-1 / Math.sqrt(2), wrong.margin(), 1e-12);
        assertEquals(Math.acos(0.8) - Math.acos(0.6), wrong.angularMargin(), 1e-12);
        assertEquals(Math.acos(0.6), wrong.angleTrue(), 1e-12);
        assertEquals(Math.acos(0.8), wrong.anglePredicted(), 1e-12);

        // a bias moves the boundary and not the angles: b_1 − b_0 = −1 puts (3, 4) on class 0's boundary
        SampleGeometry onBoundary = FeatureGeometry.of(0, new float[] {3, 4}, W, new float[] {1, 0, 0}, 1);
        assertEquals(0, onBoundary.margin(), 1e-12);
        assertEquals(Math.acos(0.8), onBoundary.angleTrue(), 1e-12);

        // a zero feature vector has a length and a margin, no angle
        SampleGeometry zero = FeatureGeometry.of(0, new float[] {0, 0}, W, new float[] {0, 1, 0}, 1);
        assertEquals(0, zero.length());
        assertTrue(Double.isNaN(zero.angleTrue()));
        assertEquals(1 / Math.sqrt(2), zero.margin(), 1e-12);
    }

    @Test
    void throughTheHandModelTheGeometryGivesBackTheLogits() {
        try (NetworkModel model = ExecutorTest.handModel(manager); NDManager batch = manager.newSubManager()) {
            // two samples: arange(1, 10), whose features are (11, 0), and its mirror 10 − x
            byte[] pixels = new byte[18];
            for (int i = 0; i < 9; i++) {
                pixels[i] = (byte) (i + 1);
                pixels[9 + i] = (byte) (9 - i);
            }
            // ArrayDataset scales bytes by 1/255; normalisation with std 1/255 gives the raw values back
            ArrayDataset data = new ArrayDataset("hand", List.of("a", "b", "c"), List.of(1, 3, 3), pixels,
                    new byte[] {0, 2});
            Normalization raw = new Normalization(List.of(0.0), List.of(1 / 255.0));
            List<SampleGeometry> samples = FeatureGeometry.compute(model, data, raw, 1, new NullProgressMonitor());
            assertEquals(2, samples.size());
            SampleGeometry first = samples.get(0);
            // x = (11, 0); w = (1, 2), (0, 1), (−1, 0); b = (0, 1, 2); logits 11, 1, −9
            assertEquals(11, first.length(), 1e-5);
            assertEquals(0, first.predicted());
            assertEquals(Math.acos(1 / Math.sqrt(5)), first.angleTrue(), 1e-6);
            // to class 1: (1, 1)·x + 0 − 1 over √2; to class 2: (2, 2)·x − 2 over √8; both 10/√2
            assertEquals(10 / Math.sqrt(2), first.margin(), 1e-5);

            float[][] w = {{1, 2}, {0, 1}, {-1, 0}};
            float[] b = {0, 1, 2};
            for (SampleGeometry s : samples) {
                float[] image = new float[9];
                data.pixels(s.index(), image, 0);
                for (int i = 0; i < 9; i++) {
                    image[i] *= 255;
                }
                NDArray logits = Executor.logits(model, batch.create(image).reshape(1, 1, 3, 3), false);
                float[] expected = logits.toFloatArray();
                int argmax = expected[0] >= expected[1] && expected[0] >= expected[2] ? 0 : expected[1] >= expected[2] ? 1 : 2;
                assertEquals(argmax, s.predicted(), "sample " + s.index());
                // the logit is ‖w_c‖‖x‖cos θ_c + b_c, for the true and for the predicted class
                assertEquals(expected[s.label()], Math.hypot(w[s.label()][0], w[s.label()][1]) * s.length()
                        * Math.cos(s.angleTrue()) + b[s.label()], 1e-4, "true logit of sample " + s.index());
                assertEquals(expected[s.predicted()], Math.hypot(w[s.predicted()][0], w[s.predicted()][1]) * s.length()
                        * Math.cos(s.anglePredicted()) + b[s.predicted()], 1e-4, "predicted logit of " + s.index());
                assertEquals(s.correct(), s.margin() > 0, "the margin is positive exactly when right");
            }
        }
    }

    @Test
    void aNetworkWithoutAFinalLinearLayerIsRefusedNamingItsLastLayer() {
        Network conv = new Network("convs", List.of(1, 3, 3), List.of(
                Layer.of("conv", new Op.Conv2d(2, 2, 1, 0, true), Network.INPUT),
                Layer.of("relu", new Op.Relu(), "conv")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureGeometry.classifier(conv));
        assertEquals("the geometry of the last feature layer needs a network that ends in a linear layer (the "
                + "classifier, whose input is the feature vector); convs ends in 'relu' (Relu)", e.getMessage());
    }
}
