package org.prunelab.runtime.corruption;

/**
 * A baseline JPEG round trip of one grey channel, computed the way the JDK's JPEG writer and reader
 * (IJG libjpeg 6b, integer DCT) compute it, without the file in between: the entropy coding is lossless,
 * so the pixels come out the same as encoding with ImageIO and decoding again, in a few microseconds
 * instead of a few hundred (the native codec's set-up dominates for images of 28–32 pixels). The tests
 * compare the two on every quality.
 */
final class GreyJpeg {

    /** The luminance table of the JPEG standard (K.1), in natural order, as the JDK scales it. */
    private static final int[] LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99};

    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final long FIX_0_298631336 = 2446;
    private static final long FIX_0_390180644 = 3196;
    private static final long FIX_0_541196100 = 4433;
    private static final long FIX_0_765366865 = 6270;
    private static final long FIX_0_899976223 = 7373;
    private static final long FIX_1_175875602 = 9633;
    private static final long FIX_1_501321110 = 12299;
    private static final long FIX_1_847759065 = 15137;
    private static final long FIX_1_961570560 = 16069;
    private static final long FIX_2_053119869 = 16819;
    private static final long FIX_2_562915447 = 20995;
    private static final long FIX_3_072711026 = 25172;

    /** libjpeg's post-IDCT range limit, indexed by the descaled value masked to 10 bits. */
    private static final int[] RANGE_LIMIT = new int[1024];

    static {
        for (int i = 0; i < 1024; i++) {
            // −128…127 map to 0…255, larger values saturate, and the masked wrap-around of values beyond
            // ±512 lands where libjpeg's table puts it
            RANGE_LIMIT[i] = i < 128 ? i + 128 : i < 512 ? 255 : i < 896 ? 0 : i - 896;
        }
    }

    private GreyJpeg() {
    }

    /**
     * The quantisation table the JDK's writer uses for an explicit quality: the standard luminance table
     * scaled by IJG's linear quality, rounded, limited to baseline's 1–255.
     *
     * @param quality 1–100
     * @return 64 values in natural order
     */
    static int[] table(int quality) {
        float q = Math.max(0.01f, Math.min(1f, quality / 100f));
        float scale = q < 0.5f ? 0.5f / q : 2.0f - q * 2.0f;
        int[] table = new int[64];
        for (int i = 0; i < 64; i++) {
            int v = (int) ((LUMINANCE[i] * scale) + 0.5f);
            table[i] = Math.max(1, Math.min(255, v));
        }
        return table;
    }

    /**
     * Encodes and decodes one channel.
     *
     * @param samples height × width values 0–255, row by row; replaced by the decoded ones
     * @param height H
     * @param width W
     * @param table the quantisation table, from {@link #table}
     */
    static void roundTrip(int[] samples, int height, int width, int[] table) {
        int[] block = new int[64];
        for (int by = 0; by < height; by += 8) {
            for (int bx = 0; bx < width; bx += 8) {
                // a partial block is filled by repeating the last column and row, as libjpeg pads the image
                for (int y = 0; y < 8; y++) {
                    int row = Math.min(by + y, height - 1) * width;
                    for (int x = 0; x < 8; x++) {
                        block[y * 8 + x] = samples[row + Math.min(bx + x, width - 1)] - 128;
                    }
                }
                forwardDct(block);
                for (int i = 0; i < 64; i++) {
                    // libjpeg divides by the table scaled by 8 (the DCT's gain), rounding half away from zero
                    int q = table[i] << 3;
                    int v = block[i];
                    block[i] = v < 0 ? -((-v + (q >> 1)) / q) : (v + (q >> 1)) / q;
                }
                inverseDct(block, table);
                for (int y = 0; y < 8 && by + y < height; y++) {
                    for (int x = 0; x < 8 && bx + x < width; x++) {
                        samples[(by + y) * width + bx + x] = block[y * 8 + x];
                    }
                }
            }
        }
    }

    private static long descale(long x, int n) {
        return (x + (1L << (n - 1))) >> n;
    }

    /** jpeg_fdct_islow: the slow-but-accurate integer forward DCT, in place, scaled up by 8. */
    private static void forwardDct(int[] data) {
        long[] part = new long[4];
        // rows, then columns: the same butterflies, the rows' results kept PASS1_BITS more precise
        for (int pass = 0; pass < 2; pass++) {
            int along = pass == 0 ? 1 : 8;
            for (int line = 0; line < 8; line++) {
                int o = pass == 0 ? line * 8 : line;
                long tmp0 = data[o] + data[o + 7 * along];
                long tmp7 = data[o] - data[o + 7 * along];
                long tmp1 = data[o + along] + data[o + 6 * along];
                long tmp6 = data[o + along] - data[o + 6 * along];
                long tmp2 = data[o + 2 * along] + data[o + 5 * along];
                long tmp5 = data[o + 2 * along] - data[o + 5 * along];
                long tmp3 = data[o + 3 * along] + data[o + 4 * along];
                long tmp4 = data[o + 3 * along] - data[o + 4 * along];
                long tmp10 = tmp0 + tmp3;
                long tmp13 = tmp0 - tmp3;
                long tmp11 = tmp1 + tmp2;
                long tmp12 = tmp1 - tmp2;
                int even = pass == 0 ? CONST_BITS - PASS1_BITS : CONST_BITS + PASS1_BITS;
                if (pass == 0) {
                    data[o] = (int) ((tmp10 + tmp11) << PASS1_BITS);
                    data[o + 4 * along] = (int) ((tmp10 - tmp11) << PASS1_BITS);
                } else {
                    data[o] = (int) descale(tmp10 + tmp11, PASS1_BITS);
                    data[o + 4 * along] = (int) descale(tmp10 - tmp11, PASS1_BITS);
                }
                long z1 = (tmp12 + tmp13) * FIX_0_541196100;
                data[o + 2 * along] = (int) descale(z1 + tmp13 * FIX_0_765366865, even);
                data[o + 6 * along] = (int) descale(z1 + tmp12 * -FIX_1_847759065, even);
                oddPart(tmp4, tmp5, tmp6, tmp7, part);
                data[o + 7 * along] = (int) descale(part[0], even);
                data[o + 5 * along] = (int) descale(part[1], even);
                data[o + 3 * along] = (int) descale(part[2], even);
                data[o + along] = (int) descale(part[3], even);
            }
        }
    }

    /**
     * The odd half of libjpeg's islow butterflies, shared by both transforms and both passes.
     *
     * @param out receives t0…t3 each plus its rotations, before descaling
     */
    private static void oddPart(long t0, long t1, long t2, long t3, long[] out) {
        long z1 = t0 + t3;
        long z2 = t1 + t2;
        long z3 = t0 + t2;
        long z4 = t1 + t3;
        long z5 = (z3 + z4) * FIX_1_175875602;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560 + z5;
        z4 = z4 * -FIX_0_390180644 + z5;
        out[0] = t0 * FIX_0_298631336 + z1 + z3;
        out[1] = t1 * FIX_2_053119869 + z2 + z4;
        out[2] = t2 * FIX_3_072711026 + z2 + z3;
        out[3] = t3 * FIX_1_501321110 + z1 + z4;
    }

    /**
     * jpeg_idct_islow: dequantises quantised coefficients and transforms them back to samples 0–255, in
     * place, with libjpeg's shortcuts for columns and rows without AC terms (the same values, faster).
     */
    private static void inverseDct(int[] data, int[] table) {
        long[] ws = new long[64];
        long[] in = new long[8];
        long[] out = new long[8];
        long[] part = new long[4];
        // columns, dequantised, into the work space; then its rows into samples
        for (int c = 0; c < 8; c++) {
            boolean acFree = true;
            for (int r = 0; r < 8; r++) {
                in[r] = (long) data[c + 8 * r] * table[c + 8 * r];
                acFree &= r == 0 || in[r] == 0;
            }
            if (acFree) {
                for (int r = 0; r < 8; r++) {
                    ws[c + 8 * r] = in[0] << PASS1_BITS;
                }
                continue;
            }
            inverseLine(in, out, part);
            for (int r = 0; r < 8; r++) {
                ws[c + 8 * r] = descale(out[r], CONST_BITS - PASS1_BITS);
            }
        }
        int shift = CONST_BITS + PASS1_BITS + 3;
        for (int r = 0; r < 64; r += 8) {
            boolean acFree = true;
            for (int x = 0; x < 8; x++) {
                in[x] = ws[r + x];
                acFree &= x == 0 || in[x] == 0;
            }
            if (acFree) {
                int v = RANGE_LIMIT[(int) descale(in[0], PASS1_BITS + 3) & 1023];
                for (int x = 0; x < 8; x++) {
                    data[r + x] = v;
                }
                continue;
            }
            inverseLine(in, out, part);
            for (int x = 0; x < 8; x++) {
                data[r + x] = RANGE_LIMIT[(int) descale(out[x], shift) & 1023];
            }
        }
    }

    /** One column or row of the inverse transform: eight coefficients to eight values, not yet descaled. */
    private static void inverseLine(long[] in, long[] out, long[] part) {
        long z1 = (in[2] + in[6]) * FIX_0_541196100;
        long tmp2 = z1 + in[6] * -FIX_1_847759065;
        long tmp3 = z1 + in[2] * FIX_0_765366865;
        long tmp0 = (in[0] + in[4]) << CONST_BITS;
        long tmp1 = (in[0] - in[4]) << CONST_BITS;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;
        oddPart(in[7], in[5], in[3], in[1], part);
        out[0] = tmp10 + part[3];
        out[7] = tmp10 - part[3];
        out[1] = tmp11 + part[2];
        out[6] = tmp11 - part[2];
        out[2] = tmp12 + part[1];
        out[5] = tmp12 - part[1];
        out[3] = tmp13 + part[0];
        out[4] = tmp13 - part[0];
    }
}
