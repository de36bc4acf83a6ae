package org.prunelab.core.cam;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, 2004) of two maps with values in [0, 1]:
 * {@code ((2 μa μb + C1)(2 σab + C2)) / ((μa² + μb² + C1)(σa² + σb² + C2))} with {@code C1 = (0.01)²} and
 * {@code C2 = (0.03)²} for a dynamic range of 1, means, variances and covariance weighted by a window.
 */
public final class Ssim {

    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    /** The Gaussian window of the paper: σ = 1.5, 11 × 11. */
    private static final double SIGMA = 1.5;
    private static final int RADIUS = 5;

    private Ssim() {
    }

    /**
     * The mean SSIM over every position where an 11 × 11 Gaussian window (σ = 1.5) fits in the maps, as
     * in the paper; maps smaller than the window are compared with one window over the whole map
     * ({@link #global}).
     *
     * @param a a map
     * @param b a map of the same size
     * @return the similarity, in [−1, 1]; 1 for identical maps
     * @throws IllegalArgumentException if the sizes differ or a map is empty
     */
    public static double gaussian(float[][] a, float[][] b) {
        checkSameSize(a, b);
        int h = a.length;
        int w = a[0].length;
        int size = 2 * RADIUS + 1;
        if (h < size || w < size) {
            return global(a, b);
        }
        double[][] window = new double[size][size];
        double total = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                window[y][x] = Math.exp(-((y - RADIUS) * (y - RADIUS) + (x - RADIUS) * (x - RADIUS)) / (2 * SIGMA * SIGMA));
                total += window[y][x];
            }
        }
        double sum = 0;
        int positions = 0;
        for (int top = 0; top + size <= h; top++) {
            for (int left = 0; left + size <= w; left++) {
                double ma = 0;
                double mb = 0;
                double aa = 0;
                double bb = 0;
                double ab = 0;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double g = window[y][x] / total;
                        double va = a[top + y][left + x];
                        double vb = b[top + y][left + x];
                        ma += g * va;
                        mb += g * vb;
                        aa += g * va * va;
                        bb += g * vb * vb;
                        ab += g * va * vb;
                    }
                }
                sum += formula(ma, mb, aa - ma * ma, bb - mb * mb, ab - ma * mb);
                positions++;
            }
        }
        return sum / positions;
    }

    /**
     * SSIM with one window over the whole maps, uniform weights: the means, variances and covariance of
     * all values (population moments).
     *
     * @param a a map
     * @param b a map of the same size
     * @return the similarity, in [−1, 1]
     * @throws IllegalArgumentException if the sizes differ or a map is empty
     */
    public static double global(float[][] a, float[][] b) {
        checkSameSize(a, b);
        double n = (double) a.length * a[0].length;
        double ma = 0;
        double mb = 0;
        double aa = 0;
        double bb = 0;
        double ab = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                ma += a[y][x] / n;
                mb += b[y][x] / n;
                aa += (double) a[y][x] * a[y][x] / n;
                bb += (double) b[y][x] * b[y][x] / n;
                ab += (double) a[y][x] * b[y][x] / n;
            }
        }
        return formula(ma, mb, aa - ma * ma, bb - mb * mb, ab - ma * mb);
    }

    private static double formula(double ma, double mb, double va, double vb, double cov) {
        return (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
    }

    static void checkSameSize(float[][] a, float[][] b) {
        if (a.length == 0 || a[0].length == 0) {
            throw new IllegalArgumentException("an empty map");
        }
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException("maps of " + a.length + " × " + a[0].length + " and " + b.length + " × "
                    + (b.length == 0 ? 0 : b[0].length) + " cannot be compared");
        }
        for (int y = 0; y < a.length; y++) {
            if (a[y].length != a[0].length || b[y].length != a[0].length) {
                throw new IllegalArgumentException("row " + y + " of a map has another length than row 0");
            }
        }
    }
}
