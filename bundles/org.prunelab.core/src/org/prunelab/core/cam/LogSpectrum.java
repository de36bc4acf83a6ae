package org.prunelab.core.cam;

/**
 * The log-magnitude spectrum {@code L = log(1 + |DFT2(map)|)} of a map, by a separable discrete Fourier
 * transform (rows, then columns): O(h·w·(h + w)), which for the maps of input-sized CAMs (28 × 28 to
 * 64 × 64) costs less than the forward pass that made them, and needs no FFT library.
 */
public final class LogSpectrum {

    private LogSpectrum() {
    }

    /**
     * The spectrum's magnitudes, log-scaled.
     *
     * @param map a map
     * @param log whether to take {@code log(1 + |·|)}; the plain magnitude otherwise
     * @return h × w values, the zero frequency at [0][0]
     */
    public static double[][] of(float[][] map, boolean log) {
        int h = map.length;
        int w = map[0].length;
        double[][] cosW = twiddles(w, true);
        double[][] sinW = twiddles(w, false);
        double[][] cosH = twiddles(h, true);
        double[][] sinH = twiddles(h, false);
        // rows: R[y][v] = Σx map[y][x] e^{−2πi xv/w}
        double[][] re = new double[h][w];
        double[][] im = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int v = 0; v < w; v++) {
                double r = 0;
                double i = 0;
                for (int x = 0; x < w; x++) {
                    r += map[y][x] * cosW[x][v];
                    i -= map[y][x] * sinW[x][v];
                }
                re[y][v] = r;
                im[y][v] = i;
            }
        }
        // columns: F[u][v] = Σy R[y][v] e^{−2πi yu/h}
        double[][] result = new double[h][w];
        for (int u = 0; u < h; u++) {
            for (int v = 0; v < w; v++) {
                double r = 0;
                double i = 0;
                for (int y = 0; y < h; y++) {
                    r += re[y][v] * cosH[y][u] + im[y][v] * sinH[y][u];
                    i += im[y][v] * cosH[y][u] - re[y][v] * sinH[y][u];
                }
                double magnitude = Math.hypot(r, i);
                result[u][v] = log ? Math.log1p(magnitude) : magnitude;
            }
        }
        return result;
    }

    private static double[][] twiddles(int n, boolean cosine) {
        double[][] t = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                // a·b mod n keeps the angle small, so that the table is exact to rounding
                double angle = 2 * Math.PI * ((long) a * b % n) / n;
                t[a][b] = cosine ? Math.cos(angle) : Math.sin(angle);
            }
        }
        return t;
    }
}
