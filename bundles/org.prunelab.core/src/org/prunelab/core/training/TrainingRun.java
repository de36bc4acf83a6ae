package org.prunelab.core.training;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;

/**
 * What one training job has done so far, as {@link TrainingRuns} last heard it: a snapshot that does not
 * change, taken whenever the training reports.
 *
 * @param number tells the runs apart, increasing in the order they began
 * @param subject what is trained
 * @param state whether it still runs, and how it ended
 * @param plannedEpochs the epochs of the training's schedule
 * @param trainings how many trainings the job has started so far: 1, or the step of a pruning in steps,
 *            each of which fine-tunes anew; 0 before the first begins
 * @param validationSamples the samples validated on after each epoch, 0 without validation
 * @param epochs the finished epochs of the current training, in order
 * @param progress the running means reported within the current training's epochs, in order; the last of
 *            an epoch sits at its end with the epoch's own training figures
 * @param started when the job began
 * @param ended when it ended, or null while it runs
 * @param problem why it failed, or null
 */
public record TrainingRun(long number, Subject subject, State state, int plannedEpochs, int trainings,
        int validationSamples, List<EpochRecord> epochs, List<BatchProgress> progress, Instant started, Instant ended,
        String problem) {

    /** Where a run stands, as Trace Compass's analyses say it. */
    public enum State {
        /** Training, or preparing to. */
        RUNNING,
        /** Done, and its version stored. */
        COMPLETED,
        /** Stopped by an error; nothing was stored. */
        FAILED,
        /** Cancelled; nothing was stored. */
        CANCELLED
    }

    /**
     * What a job trains.
     *
     * @param projectDir the project's folder
     * @param model the model's id
     * @param version the version trained: a new model's base, or the version fine-tuned or pruned into a child
     * @param title what the job is called in the Progress view
     */
    public record Subject(Path projectDir, String model, String version, String title) {
    }

    /** Copies the lists. */
    public TrainingRun {
        epochs = List.copyOf(epochs);
        progress = List.copyOf(progress);
    }

    /**
     * Whether the job still runs.
     *
     * @return true until it ended
     */
    public boolean running() {
        return state == State.RUNNING;
    }

    /**
     * How long the job has run, or ran.
     *
     * @param now the time now, for a run that still goes
     * @return from its start to its end, or to now
     */
    public Duration elapsed(Instant now) {
        return Duration.between(started, ended == null ? now : ended);
    }

    /**
     * The epoch being trained, or the last one trained once the run ended.
     *
     * @return from 1 while it runs (the last planned one while the trained model is evaluated and stored);
     *         the epochs finished once it ended, 0 if none did
     */
    public int currentEpoch() {
        return running() ? Math.min(plannedEpochs, epochs.size() + 1) : epochs.size();
    }

    /**
     * The latest running means.
     *
     * @return the last progress reported, or empty before the first
     */
    public Optional<BatchProgress> lastProgress() {
        return progress.isEmpty() ? Optional.empty() : Optional.of(progress.get(progress.size() - 1));
    }
}
