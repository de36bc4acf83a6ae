package org.prunelab.ui.internal.training;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.prunelab.core.training.TrainingRun;
import org.prunelab.core.training.TrainingRuns;
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.internal.FigureText;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.performance.TrainingCurves;
import org.prunelab.ui.internal.performance.TrainingPlot;
import org.prunelab.ui.export.ViewExport;

/**
 * The Training view: the curves of the training that runs (New Model, Fine-tune…, a pruning that
 * fine-tunes), drawn as it goes — the running training accuracy within each epoch and the validation
 * accuracy after each — with the epoch it is at, the time it has taken, and Cancel, which cancels its
 * job. When none runs it shows the one that ended last, and says so plainly when there was none.
 * <p>
 * The view only renders. The training reports to the {@link TrainingRuns} on its own thread; the plot is
 * worked out there, and one redraw at a time is posted to the UI thread with the latest plot, however
 * often the training reports.
 */
public final class TrainingView extends ViewPart {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.TRAINING;

    /** What the view says when no training ran since the workbench started. */
    public static final String NO_TRAINING = "No training running. New Model, Fine-tune… and pruning with "
            + "fine-tuning draw their curves here as they train.";

    /** How often the elapsed time is written again while a training runs, in milliseconds. */
    private static final int TICK = 1000;

    /** A run and its plot, worked out together off the UI thread. */
    private record Shown(TrainingRun run, TrainingPlot plot) {
    }

    private Composite body;
    private Label title;
    private Label status;
    private Button cancel;
    private TrainingCurves curves;
    /** The registry followed, or null; set on the UI thread, read by the trainings' threads. */
    private volatile TrainingRuns runs;
    /** What the next redraw shows; empty when no training ran. */
    private final AtomicReference<Optional<Shown>> latest = new AtomicReference<>(Optional.empty());
    /** Whether a redraw is posted and has not yet run: further reports only replace {@link #latest}. */
    private final AtomicBoolean posted = new AtomicBoolean();
    /** The run on screen, or null. */
    private Shown shown;
    /** The number of the run whose Cancel was pressed, or 0. */
    private long cancelling;
    private boolean ticking;
    private final TrainingRuns.Listener listener = run -> update();

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        // the title names the architecture and the schedule: in a narrow view it wraps rather than being cut
        title = new Label(body, SWT.WRAP);
        title.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(title);
        cancel = new Button(body, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Cancel the training's job: nothing of it is stored");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> cancel());
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).span(1, 2).applyTo(cancel);
        status = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(status);
        curves = new TrainingCurves(body);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(curves.control());
        render(Optional.empty());
        getViewSite().getActionBars().getMenuManager().add(ViewExport.pngAction(body, () -> "training-"
                + (shown == null ? "none" : shown.run().subject().model())));

        watch(Services.find(TrainingRuns.class).orElse(null));
    }

    /**
     * Follows the trainings of a registry: the workbench's, which the view follows from its start, or a
     * test's own.
     *
     * @param registry the registry, or null to follow none
     */
    public void watch(TrainingRuns registry) {
        if (runs != null) {
            runs.removeListener(listener);
        }
        runs = registry;
        if (registry == null) {
            render(Optional.empty());
            return;
        }
        registry.addListener(listener);
        // what ran before: its plot, too, is worked out off the UI thread
        Job.createSystem("Reading the training in progress", (ICoreRunnable) monitor -> update()).schedule();
    }

    /** Takes what to show and works its plot out, on the thread that reports; posts one redraw at a time. */
    private void update() {
        TrainingRuns registry = runs;
        latest.set(registry == null ? Optional.empty()
                : registry.shown().map(run -> new Shown(run, TrainingPlot.of(run))));
        if (posted.compareAndSet(false, true)) {
            ViewJobs.asyncExec(body, () -> {
                // cleared before reading: a report that comes after the read posts a redraw of its own
                posted.set(false);
                render(latest.get());
            });
        }
    }

    private void render(Optional<Shown> next) {
        if (next.isEmpty()) {
            shown = null;
            title.setText("Training");
            status.setText("");
            cancel.setEnabled(false);
            curves.showMessage(NO_TRAINING);
            body.layout();
            return;
        }
        Shown now = next.get();
        if (shown == null || shown.plot() != now.plot()) {
            curves.show(now.plot());
        }
        shown = now;
        TrainingRun run = now.run();
        title.setText(run.subject().title() + " — " + run.subject().projectDir().getFileName());
        cancel.setEnabled(run.running() && run.number() != cancelling);
        writeStatus();
        body.layout();
        if (run.running() && !ticking) {
            ticking = true;
            body.getDisplay().timerExec(TICK, this::tick);
        }
    }

    /** Writes the elapsed time again every second while the shown run runs. */
    private void tick() {
        if (body.isDisposed() || shown == null || !shown.run().running()) {
            ticking = false;
            return;
        }
        writeStatus();
        body.getDisplay().timerExec(TICK, this::tick);
    }

    private void writeStatus() {
        TrainingRun run = shown.run();
        // a training cancelled during its validation stops only when that is done
        String text = run.running() && run.number() == cancelling
                ? "Cancelling: the training stops after its current batch…" : status(run, Instant.now());
        if (!text.equals(status.getText())) {
            status.setText(text);
            body.layout();
        }
    }

    /**
     * The line under the title: where the training is, how long it has taken, its latest figures; or how
     * it ended.
     *
     * @param run the run
     * @param now the time now
     * @return the sentence
     */
    static String status(TrainingRun run, Instant now) {
        String elapsed = duration(run.elapsed(now));
        int done = run.epochs().size();
        String epochs = done + " of " + run.plannedEpochs() + (run.plannedEpochs() == 1 ? " epoch" : " epochs");
        // a pruning in steps fine-tunes once per step
        String step = run.trainings() > 1 ? "Step " + run.trainings() + " · " : "";
        return switch (run.state()) {
            case RUNNING -> step + (done == run.plannedEpochs()
                    ? "All " + done + (done == 1 ? " epoch" : " epochs") + " trained, evaluating on the test set"
                    : "Epoch " + run.currentEpoch() + " of " + run.plannedEpochs()) + " · " + elapsed + figures(run);
            case COMPLETED -> "Completed: " + epochs + " in " + elapsed + figures(run) + ". The version is stored.";
            case CANCELLED -> "Cancelled after " + epochs + " (" + elapsed + "): nothing was stored.";
            case FAILED -> "Failed after " + epochs + " (" + elapsed + "): "
                    + (run.problem() == null ? "an error the log holds." : run.problem()) + " Nothing was stored.";
        };
    }

    /** The latest running means and the last validation, if there are any. */
    private static String figures(TrainingRun run) {
        StringBuilder text = new StringBuilder();
        Optional<BatchProgress> last = run.lastProgress();
        if (last.isPresent() && run.running()) {
            BatchProgress p = last.get();
            // the running means of an epoch not yet over, or the figures of the one just trained
            text.append(String.format(Locale.ROOT, " · epoch %d%s: loss %.3f, accuracy %s", p.epoch(),
                    p.batch() < p.batches() ? " so far" : "", p.trainLoss(),
                    FigureText.of("%.1f %%", 100 * p.trainAccuracy())));
        }
        if (!run.epochs().isEmpty()) {
            EpochRecord epoch = run.epochs().get(run.epochs().size() - 1);
            if (!Double.isNaN(epoch.validationAccuracy())) {
                text.append(" · validation ").append(FigureText.of("%.1f %%", 100 * epoch.validationAccuracy()))
                        .append(" after epoch ").append(epoch.epoch());
            }
        }
        return text.toString();
    }

    /** A duration as a researcher reads it: 42 s, 3 min 05 s, 1 h 02 min. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds / 60 % 60);
    }

    /** Cancels the shown run's job; the run then ends as cancelled and the view says so. */
    private void cancel() {
        if (shown != null && runs != null && runs.cancel(shown.run())) {
            cancelling = shown.run().number();
            cancel.setEnabled(false);
            writeStatus();
        }
    }

    @Override
    public void setFocus() {
        body.setFocus();
    }

    @Override
    public void dispose() {
        if (runs != null) {
            runs.removeListener(listener);
        }
        super.dispose();
    }

    /**
     * The run shown, for tests.
     *
     * @return its snapshot as last drawn, or empty when no training ran
     */
    public Optional<TrainingRun> shownRun() {
        return Optional.ofNullable(shown).map(Shown::run);
    }

    /**
     * The curves, for tests.
     *
     * @return the chart area
     */
    public TrainingCurves curves() {
        return curves;
    }

    /**
     * The line under the title, for tests.
     *
     * @return its text
     */
    public String statusText() {
        return status.getText();
    }

    /**
     * The Cancel button, for tests.
     *
     * @return the button
     */
    public Button cancelButton() {
        return cancel;
    }
}
