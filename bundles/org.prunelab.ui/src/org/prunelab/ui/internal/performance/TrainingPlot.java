package org.prunelab.ui.internal.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.prunelab.core.report.Ticks;
import org.prunelab.core.training.TrainingRun;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.runtime.training.BatchProgress;

/**
 * What the training curves draw, worked out from a version's history (or a training's progress so far)
 * off the UI thread: per curve the epochs with a finite accuracy (a diverged or unmeasured epoch has none
 * and is left out, and the curve's description says which), the axes' ranges, and the title. The accuracy axis ends on ticks a step of 1, 2
 * or 5 times a power of ten apart, so that every tick reads as a round number. A curve of a single point
 * carries its value as a label, since a lone point has no line to read it from.
 *
 * @param title the chart's title
 * @param curves the curves, training first; empty if there is nothing to plot
 * @param message why there is no chart, or null when there are curves
 * @param xLower the epoch axis's lower end
 * @param xUpper its upper end
 * @param yLower the accuracy axis's lower end, in percent, a multiple of {@code yStep}
 * @param yUpper its upper end, a multiple of {@code yStep}
 * @param yStep the accuracy between two of the axis's ticks, in percentage points
 */
public record TrainingPlot(String title, List<Curve> curves, String message, double xLower, double xUpper,
        double yLower, double yUpper, double yStep) {

    /** At most this many steps between the lowest and the highest value: ticks stay apart in a short chart. */
    private static final int STEPS = 3;

    /** The id of the training accuracy curve. */
    public static final String TRAIN = "train";

    /** The id of the validation accuracy curve. */
    public static final String VALIDATION = "validation";

    /**
     * One curve.
     *
     * @param id {@link #TRAIN} or {@link #VALIDATION}
     * @param description its legend entry
     * @param epochs the epochs it has a value for (fractional for the running means within an epoch)
     * @param percents the accuracy in percent, one per epoch
     * @param labels the text beside each point: the value for a single point, else none
     */
    public record Curve(String id, String description, double[] epochs, double[] percents, List<String> labels) {

        /** Copies the labels. */
        public Curve {
            labels = List.copyOf(labels);
        }
    }

    /** Copies the curves. */
    public TrainingPlot {
        curves = List.copyOf(curves);
    }

    /**
     * A plot that says why there is nothing to draw.
     *
     * @param message the sentence
     * @return the plot, without curves
     */
    public static TrainingPlot message(String message) {
        return new TrainingPlot("", List.of(), message, 0, 1, 0, 100, 20);
    }

    /**
     * Works out the curves of a version's history.
     *
     * @param versionId the version's id, for the title
     * @param history its history, not empty
     * @return the plot; a message instead of curves if no epoch has a finite accuracy
     */
    public static TrainingPlot of(String versionId, TrainingHistory history) {
        int n = history.epochs().size();
        if (n == 0) {
            throw new IllegalArgumentException("the training history of " + versionId + " has no epochs");
        }
        double[] epochs = history.epochNumbers();
        List<Curve> curves = new ArrayList<>();
        // short legend entries, so that both fit one line of a narrow chart; the chart's tooltip says more
        curve(TRAIN, "training", epochs, history.trainAccuracy(), curves);
        if (history.hasValidation()) {
            curve(VALIDATION, validation(history.validationSamples()), epochs, history.validationAccuracy(), curves);
        }
        String counted = n + (n == 1 ? " epoch" : " epochs");
        if (curves.isEmpty()) {
            return message("The training history of " + versionId + " (" + counted
                    + ") holds no finite accuracy to plot: the training diverged or was not measured.");
        }
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            first = Math.min(first, curve.epochs()[0]);
            last = Math.max(last, curve.epochs()[curve.epochs().length - 1]);
        }
        return withAccuracyAxis("Accuracy of " + versionId + "'s training, " + counted, curves, first - 0.5,
                last + 0.5);
    }

    /**
     * Works out the curves of a training as it goes: the training accuracy as the running means reported
     * within each epoch (the last of an epoch, at its end, is the epoch's own), the validation accuracy after
     * each epoch, on an epoch axis from 0 to the epochs planned, so that the curves grow toward its end.
     *
     * @param run the training's snapshot
     * @return the plot; a message instead of curves until the first batches are reported
     */
    public static TrainingPlot of(TrainingRun run) {
        String title = run.subject().title();
        if (run.progress().isEmpty()) {
            return message(run.running() ? "Waiting for the first batches of " + title + "…"
                    : title + " ended before its first batches.");
        }
        List<Curve> curves = new ArrayList<>();
        // each epoch's mean starts anew: its first points are a few batches', its last the epoch's own
        curve(TRAIN, "training (mean of the epoch so far)",
                run.progress().stream().mapToDouble(BatchProgress::position).toArray(),
                run.progress().stream().mapToDouble(BatchProgress::trainAccuracy).toArray(), curves);
        TrainingHistory finished = new TrainingHistory(run.epochs(), run.validationSamples());
        if (finished.hasValidation()) {
            curve(VALIDATION, validation(finished.validationSamples()), finished.epochNumbers(),
                    finished.validationAccuracy(), curves);
        }
        if (curves.isEmpty()) {
            return message(title + " has no finite accuracy to plot yet: its loss is not a number.");
        }
        // a little room right of the last epoch's end, where its point would be cut in half
        return withAccuracyAxis(title, curves, 0, run.plannedEpochs() + 0.3);
    }

    /** The legend entry of the validation curve. */
    private static String validation(int samples) {
        return String.format(Locale.ROOT, "validation (%,d samples)", samples);
    }

    /** The plot of the curves over the given epochs, the accuracy axis fitted to their values. */
    private static TrainingPlot withAccuracyAxis(String title, List<Curve> curves, double xLower, double xUpper) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            for (double percent : curve.percents()) {
                low = Math.min(low, percent);
                high = Math.max(high, percent);
            }
        }
        double step = Ticks.roundStep(Math.max(1, high - low) / STEPS);
        double lower = Math.floor(low / step) * step;
        double upper = Math.ceil(high / step) * step;
        // a point on the plot's edge would be cut in half: it gets a step of room
        if (low - lower < step / 5) {
            lower -= step;
        }
        if (upper - high < step / 5) {
            upper += step;
        }
        // the axis stays within 0–100 %, where a perfect or null accuracy sits on its edge; values beyond (not an
        // accuracy) are plotted as they are rather than cut off
        if (low >= 0 && high <= 100) {
            lower = Math.max(0, lower);
            upper = Math.min(100, upper);
        }
        return new TrainingPlot(title, curves, null, xLower, xUpper, lower, upper, step);
    }

    /** Adds the curve of the finite values, if there is any, saying which epochs have none. */
    private static void curve(String id, String description, double[] epochs, double[] shares, List<Curve> curves) {
        List<Integer> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            if (Double.isFinite(shares[i])) {
                kept.add(i);
            } else {
                missing.add(String.format(Locale.ROOT, "%.0f", epochs[i]));
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        double[] x = kept.stream().mapToDouble(i -> epochs[i]).toArray();
        double[] y = kept.stream().mapToDouble(i -> 100 * shares[i]).toArray();
        List<String> labels = y.length == 1 ? List.of(String.format(Locale.ROOT, "%.1f %%", y[0])) : List.of();
        String text = missing.isEmpty() ? description : description + " — no finite value in "
                + (missing.size() == 1 ? "epoch " : "epochs ") + missing.stream().collect(Collectors.joining(", "));
        curves.add(new Curve(id, text, x, y, labels));
    }
}
