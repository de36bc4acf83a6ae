package org.prunelab.core.report;

import java.util.Locale;

/**
 * Counts and sizes as people read them in the tree, the command line's summaries and the report.
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * A count in thousands or millions.
     *
     * @param n parameters, FLOPs, images
     * @return e.g. "62.3 k", "1.25 M"
     */
    public static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.2f M", n / 1e6)
                : String.format(Locale.ROOT, "%.1f k", n / 1e3);
    }

    /**
     * A file size in kibibytes or mebibytes.
     *
     * @param n bytes
     * @return e.g. "382 KB", "1.4 MB"
     */
    public static String bytes(long n) {
        return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", n / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", n / 1024.0);
    }
}
