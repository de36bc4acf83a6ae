package org.prunelab.core.cam;

import java.util.Locale;

/**
 * A version's Sp2PS against a baseline in a few numbers: what the exploration tree, Properties, the
 * Performance view and the Compare dialog show beside accuracy, without the per-image scores.
 *
 * @param baseline the id of the version compared against (the model's root)
 * @param layer the convolution explained
 * @param sp2ps the mean harmonic mean of S and F, in [0, 1] (1: the same maps)
 * @param spatial the mean S (structural similarity of the maps)
 * @param spectral the mean F (similarity of their log-magnitude spectra)
 * @param images the test images compared
 * @param changed how many of them the two versions classify differently
 */
public record Sp2psScore(String baseline, String layer, double sp2ps, double spatial, double spectral, int images,
        long changed) {

    /**
     * Summarises a comparison.
     *
     * @param baseline the baseline's id
     * @param result the comparison
     * @return its score
     */
    public static Sp2psScore of(String baseline, CamComparison.Result result) {
        return new Sp2psScore(baseline, result.layer(), result.sp2ps(), result.meanSpatial(), result.meanSpectral(),
                result.samples().size(), result.changedPredictions());
    }

    /**
     * One line for a tooltip or a table, e.g. "0.482 against base (S 0.364, F 0.811; 757 of 10000 predictions
     * changed)".
     *
     * @return the line
     */
    public String describe() {
        return String.format(Locale.ROOT, "%.3f against %s (S %.3f, F %.3f; %d of %d predictions changed)", sp2ps,
                baseline, spatial, spectral, changed, images);
    }

    /**
     * The figure for a narrow table cell, e.g. "0.482 (S 0.36, F 0.81)".
     *
     * @return the short form
     */
    public String brief() {
        return String.format(Locale.ROOT, "%.3f (S %.2f, F %.2f)", sp2ps, spatial, spectral);
    }
}
