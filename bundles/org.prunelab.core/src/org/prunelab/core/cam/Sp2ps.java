package org.prunelab.core.cam;

/**
 * Sp2PS's comparison of two class-activation maps (Renza and Ballesteros, 2023), as PruneLab defines it
 * (the paper's exact formula is not published): the spatial score {@code S = max(0, SSIM(A, B))}, the
 * spectral score {@code F = 1 − ‖L_A − L_B‖₂ / (‖L_A‖₂ + ‖L_B‖₂)} with {@code L = log(1 + |FFT2(map)|)},
 * and their harmonic mean {@code H = 2SF / (S + F)}; Sp2PS is the mean H over the test set, in [0, 1].
 * The spatial and spectral measures are settings, so that another definition can be matched.
 */
public final class Sp2ps {

    /** How the maps are compared in space. */
    public enum Spatial {
        /** SSIM with the paper's 11 × 11 Gaussian window (σ = 1.5), averaged over the map. */
        SSIM,
        /** SSIM with one uniform window over the whole map. */
        GLOBAL_SSIM
    }

    /** How the maps' spectra are compared. */
    public enum Spectral {
        /** Distance of the log-magnitude spectra {@code log(1 + |FFT2|)}. */
        LOG_MAGNITUDE,
        /** Distance of the magnitude spectra {@code |FFT2|}. */
        MAGNITUDE
    }

    /**
     * The measures to use.
     *
     * @param spatial the spatial measure (default SSIM)
     * @param spectral the spectral measure (default LOG_MAGNITUDE)
     */
    public record Settings(Spatial spatial, Spectral spectral) {

        /** PruneLab's definition. */
        public static final Settings DEFAULT = new Settings(Spatial.SSIM, Spectral.LOG_MAGNITUDE);

        /** Null means the default measure. */
        public Settings {
            spatial = spatial == null ? Spatial.SSIM : spatial;
            spectral = spectral == null ? Spectral.LOG_MAGNITUDE : spectral;
        }
    }

    /**
     * The scores of one image.
     *
     * @param spatial S, in [0, 1]
     * @param spectral F, in [0, 1]
     * @param harmonic H, in [0, 1]
     */
    public record ImageScore(double spatial, double spectral, double harmonic) {
    }

    private Sp2ps() {
    }

    /**
     * Compares the maps of one image.
     *
     * @param a the map of version A, values in [0, 1]
     * @param b the map of version B, same size
     * @param settings the measures
     * @return S, F and H
     * @throws IllegalArgumentException if the sizes differ or a value is not finite
     */
    public static ImageScore compare(float[][] a, float[][] b, Settings settings) {
        Ssim.checkSameSize(a, b);
        checkFinite(a);
        checkFinite(b);
        double s = Math.max(0, settings.spatial() == Spatial.SSIM ? Ssim.gaussian(a, b) : Ssim.global(a, b));
        double f = spectral(a, b, settings.spectral() == Spectral.LOG_MAGNITUDE);
        return new ImageScore(s, f, harmonic(s, f));
    }

    /**
     * The spectral score.
     *
     * @param a a map
     * @param b a map of the same size
     * @param log whether the spectra are log-scaled
     * @return {@code 1 − ‖L_A − L_B‖₂ / (‖L_A‖₂ + ‖L_B‖₂)}; 1 when both spectra are zero (two zero maps)
     */
    public static double spectral(float[][] a, float[][] b, boolean log) {
        double[][] la = LogSpectrum.of(a, log);
        double[][] lb = LogSpectrum.of(b, log);
        double diff = 0;
        double na = 0;
        double nb = 0;
        for (int u = 0; u < la.length; u++) {
            for (int v = 0; v < la[0].length; v++) {
                diff += (la[u][v] - lb[u][v]) * (la[u][v] - lb[u][v]);
                na += la[u][v] * la[u][v];
                nb += lb[u][v] * lb[u][v];
            }
        }
        double norms = Math.sqrt(na) + Math.sqrt(nb);
        return norms == 0 ? 1 : 1 - Math.sqrt(diff) / norms;
    }

    /**
     * The harmonic mean of two scores.
     *
     * @param s the spatial score
     * @param f the spectral score
     * @return {@code 2sf / (s + f)}, 0 if both are 0
     */
    public static double harmonic(double s, double f) {
        return s + f == 0 ? 0 : 2 * s * f / (s + f);
    }

    private static void checkFinite(float[][] map) {
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[y].length; x++) {
                if (!Float.isFinite(map[y][x])) {
                    throw new IllegalArgumentException("a map holds " + map[y][x] + " at (" + y + ", " + x + ")");
                }
            }
        }
    }
}
