package org.prunelab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.model.NetworkModel;

import com.google.gson.JsonParser;


/**
 * Every built-in metric against a case computed by hand (see {@link Fixtures}).
 */
class BuiltInMetricsTest extends MetricTestCase {


    private static double[] sign(String metric) {
        return sign(metric, null);
    }

    /** Scores the sign model's conv on the two sign images, in batches of one. */
    private static double[] sign(String metric, String settings) {
        try (NetworkModel model = Fixtures.signModel(manager)) {
            ArrayDataset data = Fixtures.signDataset();
            ScoringContext context = ScoringContext.allConvolutions(model, data.classNames());
            assertEquals("relu", context.observedLayer("conv"));
            Map<String, FilterScores> scores = MetricScoring.score(context, data, Fixtures.SIGN_NORMALIZATION, 1,
                    List.of(MetricScoring.request(registry, metric,
                            settings == null ? null : JsonParser.parseString(settings))),
                    new NullProgressMonitor());
            return scores.get(metric).of("conv");
        }
    }

    private static double[] weights(String metric) {
        return weights(metric, null);
    }

    private static double[] weights(String metric, String settings) {
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            return MetricScoring.score(context, null, null, 1, List.of(MetricScoring.request(registry, metric,
                    settings == null ? null : JsonParser.parseString(settings))), new NullProgressMonitor())
                    .get(metric).of("conv");
        }
    }

    @Test
    void weightNorms() {
        // filters [3, 4], [1, 0], [0, −2]
        assertArrayEquals(new double[] {7, 1, 2}, weights("org.prunelab.metrics.weightL1"), 1e-9);
        assertArrayEquals(new double[] {5, 1, 2}, weights("org.prunelab.metrics.weightL2"), 1e-6);
    }

    @Test
    void groupNormsCountTheFilterItsBatchNormAndItsColumnOfTheNextLayer() {
        // filter [3, 4], γ 0.5, β 0, fc column [1, 0]; [1, 0], −2, 0, [0, 1]; [0, −2], 1, 0, [0, 0]
        assertArrayEquals(new double[] {7 + 0.5 + 1, 1 + 2 + 1, 2 + 1 + 0},
                weights("org.prunelab.metrics.groupL1"), 1e-6);
        assertArrayEquals(new double[] {Math.sqrt(9 + 16 + 0.25 + 1), Math.sqrt(1 + 4 + 1), Math.sqrt(4 + 1)},
                weights("org.prunelab.metrics.groupL2"), 1e-6);
    }

    @Test
    void fpgmSumsTheDistancesToTheOtherFilters() {
        // ‖f0 − f1‖ = √20, ‖f0 − f2‖ = √45, ‖f1 − f2‖ = √5
        double d01 = Math.sqrt(20);
        double d02 = Math.sqrt(45);
        double d12 = Math.sqrt(5);
        assertArrayEquals(new double[] {d01 + d02, d01 + d12, d02 + d12}, weights("org.prunelab.metrics.fpgm"), 1e-6);
    }

    @Test
    void fpgmOfMagnitudesComparesThePoweredFilters() {
        // p = 2: [9, 16], [1, 0], [0, 4]
        double d01 = Math.sqrt(64 + 256);
        double d02 = 15;
        double d12 = Math.sqrt(17);
        assertArrayEquals(new double[] {d01 + d02, d01 + d12, d02 + d12},
                weights("org.prunelab.metrics.fpgmMagnitudes"), 1e-4);
        // p = 1: [3, 4], [1, 0], [0, 2]; [0, −2] and [0, 2] would be the same filter
        assertArrayEquals(new double[] {Math.sqrt(20) + Math.sqrt(13), Math.sqrt(20) + Math.sqrt(5),
                Math.sqrt(13) + Math.sqrt(5)}, weights("org.prunelab.metrics.fpgmMagnitudes", "{\"p\": 1}"), 1e-6);
    }

    @Test
    void batchNormScaleIsTheAbsoluteGamma() {
        assertArrayEquals(new double[] {0.5, 2, 1}, weights("org.prunelab.metrics.bnScale"), 1e-9);
    }

    @Test
    void activationMetrics() {
        // filter 0 sees relu(x): [1,0,2,0] and [0,3,0,0]; filter 1 sees relu(−x): [0,0,0,0] and [0,0,0,1]
        assertArrayEquals(new double[] {6 / 8.0, 1 / 8.0}, sign("org.prunelab.metrics.meanActivation"), 1e-6);
        assertArrayEquals(new double[] {6, 1}, sign("org.prunelab.metrics.activationL1"), 1e-6);
        assertArrayEquals(new double[] {100 * 5 / 8.0, 100 * 7 / 8.0}, sign("org.prunelab.metrics.apoz"), 1e-9);
    }

    @Test
    void hrankAveragesTheRanksOfTheMaps() {
        // filter 0: [[1,0],[2,0]] and [[0,3],[0,0]] both rank 1; filter 1: the zero map (0) and [[0,0],[0,1]] (1)
        assertArrayEquals(new double[] {1, 0.5}, sign("org.prunelab.metrics.hrank"), 0);
    }

    @Test
    void classPairwiseDifferenceOfNormalisedClassMeans() {
        // class means: class 0 = [0.75, 0], class 1 = [0.75, 0.25]; layer range [0, 3]: /3
        assertArrayEquals(new double[] {0, -0.25 / 3}, sign("org.prunelab.metrics.cpd"), 1e-6);
        assertArrayEquals(new double[] {0, 0.25 / 3},
                sign("org.prunelab.metrics.cpd", "{\"baseline\": 1, \"compared\": 0}"), 1e-6);
    }

    @Test
    void discriminabilityOfNormalisedClassMaps() {
        // one class pair; filter 0: [1,0,2,0] − [0,3,0,0] = [1,−3,2,0], ‖·‖ = √14; filter 1: ‖[0,0,0,−1]‖ = 1; /3
        assertArrayEquals(new double[] {Math.sqrt(14) / 3, 1 / 3.0}, sign("org.prunelab.metrics.discriminability"),
                1e-6);
    }

    @Test
    void taylorByHand() {
        // logits = W·h with h = [relu(x) of filter 0, relu(−x) of filter 1] (channel-major), and
        // ∂L/∂h = Wᵀ(softmax − one-hot); Taylor = |Σ h·∂L/∂h| / (N·H·W) per filter, then ℓ2-normalised
        double[][] w = {{1, 0, 2, 0, 0, 1, 0, -1}, {0, 0, 1, 1, 0, 1, 0, 0}};
        double[][] h = {{1, 0, 2, 0, 0, 0, 0, 0}, {0, 3, 0, 0, 0, 0, 0, 1}};
        int[] labels = {0, 1};
        double[] sums = new double[2];
        double[][] perSample = new double[2][2];
        for (int n = 0; n < 2; n++) {
            double l0 = 0;
            double l1 = 0;
            for (int i = 0; i < 8; i++) {
                l0 += w[0][i] * h[n][i];
                l1 += w[1][i] * h[n][i];
            }
            double p0 = Math.exp(l0) / (Math.exp(l0) + Math.exp(l1));
            double[] d = {p0 - (labels[n] == 0 ? 1 : 0), 1 - p0 - (labels[n] == 1 ? 1 : 0)};
            for (int i = 0; i < 8; i++) {
                double g = w[0][i] * d[0] + w[1][i] * d[1];
                sums[i / 4] += h[n][i] * g;
                perSample[n][i / 4] += h[n][i] * g;
            }
        }
        double t0 = Math.abs(sums[0]) / 8;
        double t1 = Math.abs(sums[1]) / 8;
        double norm = Math.hypot(t0, t1);
        assertArrayEquals(new double[] {t0 / norm, t1 / norm}, sign("org.prunelab.metrics.taylor"), 1e-5);
        // of the weights: Σ w·∂L/∂w = Σ y·∂L/∂y on the conv's output y, and through the identity batch norm
        // and the ReLU y·∂L/∂y = h·∂L/∂h where y > 0 and 0 elsewhere: the same values
        assertArrayEquals(new double[] {t0 / norm, t1 / norm}, sign("org.prunelab.metrics.taylorWeights"), 1e-5);
        // batches of one sample: filter 0 matters only for sample 0, filter 1 only for sample 1, so each has
        // per-batch values {t, 0}: mean t/2, standard deviation t/2, coefficient of variation 1
        assertEquals(0, perSample[1][0], 1e-12);
        assertEquals(0, perSample[0][1], 1e-12);
        assertArrayEquals(new double[] {1, 1}, sign("org.prunelab.metrics.instability"), 1e-6);
    }

    @Test
    void randomIsSeededAndUniform() {
        double[] first = weights("org.prunelab.metrics.random");
        assertArrayEquals(first, weights("org.prunelab.metrics.random"), 0);
        for (double v : first) {
            assertTrue(v >= 0 && v < 1);
        }
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            double[] other = MetricScoring.score(context, null, null, 1, List.of(MetricScoring.request(registry,
                    "org.prunelab.metrics.random", JsonParser.parseString("{\"seed\": 7}"))), null)
                    .get("org.prunelab.metrics.random").of("conv");
            assertFalse(Arrays.equals(first, other), "another seed, other scores");
        }
    }
}
