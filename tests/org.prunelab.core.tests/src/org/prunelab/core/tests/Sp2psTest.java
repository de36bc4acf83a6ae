package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.prunelab.core.cam.LogSpectrum;
import org.prunelab.core.cam.Sp2ps;
import org.prunelab.core.cam.Sp2ps.ImageScore;
import org.prunelab.core.cam.Sp2ps.Settings;
import org.prunelab.core.cam.Sp2ps.Spatial;
import org.prunelab.core.cam.Sp2ps.Spectral;
import org.prunelab.core.cam.Ssim;

/**
 * Sp2PS's spatial, spectral and harmonic scores against hand-computed cases.
 */
class Sp2psTest {

    private static final double EPS = 1e-12;

    private static float[][] random(int h, int w, long seed) {
        Random random = new Random(seed);
        float[][] map = new float[h][w];
        for (float[] row : map) {
            for (int x = 0; x < w; x++) {
                row[x] = random.nextFloat();
            }
        }
        return map;
    }

    @Test
    void identicalMapsScoreOne() {
        float[][] a = random(28, 28, 1);
        ImageScore score = Sp2ps.compare(a, a, Settings.DEFAULT);
        assertEquals(1, score.spatial(), 1e-9);
        assertEquals(1, score.spectral(), EPS);
        assertEquals(1, score.harmonic(), 1e-9);
        ImageScore zeros = Sp2ps.compare(new float[4][4], new float[4][4], Settings.DEFAULT);
        assertEquals(new ImageScore(1, 1, 1), zeros, "two all-zero maps (no attention) are alike");
    }

    @Test
    void theSpectrumOfADeltaAndOfItsComplementByHand() {
        // DFT of a delta at (0, 0) is 1 everywhere; of 1 − delta: 3 at the zero frequency, −1 elsewhere
        float[][] delta = {{1, 0}, {0, 0}};
        float[][] complement = {{0, 1}, {1, 1}};
        double log2 = Math.log(2);
        double[][] la = LogSpectrum.of(delta, true);
        double[][] lb = LogSpectrum.of(complement, true);
        for (int u = 0; u < 2; u++) {
            for (int v = 0; v < 2; v++) {
                assertEquals(log2, la[u][v], EPS);
                assertEquals(u == 0 && v == 0 ? Math.log(4) : log2, lb[u][v], EPS);
            }
        }
        // ‖L_A − L_B‖ = log 2, ‖L_A‖ = 2 log 2, ‖L_B‖ = √7 log 2: F = 1 − 1 / (2 + √7)
        assertEquals(1 - 1 / (2 + Math.sqrt(7)), Sp2ps.spectral(delta, complement, true), EPS);
    }

    @Test
    void anInvertedMapHasNoSpatialSimilarity() {
        float[][] a = random(28, 28, 2);
        float[][] inverted = new float[28][28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                inverted[y][x] = 1 - a[y][x];
            }
        }
        // the covariance is −σ²: SSIM < 0, so S = 0 and H = 0, whatever F is
        assertTrue(Ssim.gaussian(a, inverted) < 0);
        ImageScore score = Sp2ps.compare(a, inverted, Settings.DEFAULT);
        assertEquals(0, score.spatial());
        assertEquals(0, score.harmonic());
        assertTrue(score.spectral() > 0.5 && score.spectral() < 1, "all but the zero frequency keep their magnitude");
    }

    @Test
    void aShiftedBlockByHand() {
        // a 2 × 2 block of ones in a 4 × 4 map, and the same block one column to the right
        float[][] a = new float[4][4];
        float[][] b = new float[4][4];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                a[y][x] = 1;
                b[y][x + 1] = 1;
            }
        }
        // μ = 1/4, σ² = 1/4 − 1/16 = 3/16, σab = 2/16 − 1/16 = 1/16, C1 = 1e-4, C2 = 9e-4
        double ssim = (2 / 16.0 + 1e-4) * (2 / 16.0 + 9e-4) / ((2 / 16.0 + 1e-4) * (6 / 16.0 + 9e-4));
        ImageScore score = Sp2ps.compare(a, b, new Settings(Spatial.GLOBAL_SSIM, Spectral.LOG_MAGNITUDE));
        assertEquals(ssim, score.spatial(), EPS);
        // a circular shift changes only the phase: the magnitude spectra are equal
        assertEquals(1, score.spectral(), EPS);
        assertEquals(2 * ssim / (ssim + 1), score.harmonic(), EPS);
        // 4 × 4 is smaller than the Gaussian window: the default falls back to one window
        assertEquals(ssim, Sp2ps.compare(a, b, Settings.DEFAULT).spatial(), EPS);
    }

    @Test
    void theGaussianSsimOfAShiftedLargeMapIsBelowOne() {
        float[][] a = random(32, 32, 3);
        float[][] shifted = new float[32][32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                shifted[y][x] = a[y][(x + 1) % 32];
            }
        }
        ImageScore score = Sp2ps.compare(a, shifted, Settings.DEFAULT);
        assertTrue(score.spatial() < 0.5, "unrelated noise after the shift: " + score);
        assertEquals(1, score.spectral(), 1e-9);
        assertEquals(2 * score.spatial() / (score.spatial() + 1), score.harmonic(), EPS);
    }

    /** A 16 × 20 map of a phase-shifted, scaled sine wave, rounded to float as both peers read it. */
    private static float[][] wave(double phase, double scale) {
        float[][] map = new float[16][20];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 20; x++) {
                map[y][x] = (float) ((Math.sin(0.7 * x + 0.3 * y + phase) + 1) / 2 * scale);
            }
        }
        return map;
    }

    @Test
    void agreesWithScikitImageAndNumPy() {
        // Debian's python3-skimage 0.19.3 and NumPy, on the same maps (y, x = np.mgrid[0:16, 0:20]):
        //   a = ((np.sin(0.7*x + 0.3*y) + 1) / 2).astype(np.float32)
        //   b = ((np.sin(0.7*x + 0.3*y + 0.5) + 1) / 2 * 0.8).astype(np.float32)
        //   structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
        //                         data_range=1.0)                          -> 0.8210333379525067
        //   L = np.log1p(np.abs(np.fft.fft2(m)));  1 - ‖La − Lb‖ / (‖La‖ + ‖Lb‖)  -> 0.9133985249847986
        float[][] a = wave(0, 1);
        float[][] b = wave(0.5, 0.8);
        assertEquals(0.8210333379525067, Ssim.gaussian(a, b), 1e-12);
        assertEquals(0.9133985249847986, Sp2ps.spectral(a, b, true), 1e-12);
        ImageScore score = Sp2ps.compare(a, b, Settings.DEFAULT);
        assertEquals(2 * 0.8210333379525067 * 0.9133985249847986 / (0.8210333379525067 + 0.9133985249847986),
                score.harmonic(), 1e-12);
    }

    @Test
    void harmonicMeanAndBadMaps() {
        assertEquals(2 * 0.5 * 0.8 / 1.3, Sp2ps.harmonic(0.5, 0.8), EPS);
        assertEquals(0, Sp2ps.harmonic(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Sp2ps.compare(new float[2][2], new float[2][3],
                Settings.DEFAULT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sp2ps.compare(new float[][] {{0, Float.NaN}}, new float[1][2], Settings.DEFAULT));
        assertEquals("a map holds NaN at (0, 1)", e.getMessage());
    }
}
