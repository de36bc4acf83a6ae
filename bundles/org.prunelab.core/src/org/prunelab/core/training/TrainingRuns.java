package org.prunelab.core.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.SafeRunner;
import org.osgi.service.component.annotations.Component;
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.TrainingListener;

/**
 * The trainings in progress, and the one that ended last: the jobs that train report here (each through
 * the {@link LiveTraining} it {@link #begin began}), and views listen. Listeners are called on the thread
 * of the training that changed, between its batches: they take the snapshot they are given and return, a
 * view posting its redraw to the UI thread. A listener that throws is logged and does not stop the
 * training. Published as an OSGi service; tests create their own.
 */
@Component(service = TrainingRuns.class)
public final class TrainingRuns {

    /** Told of every change of a run. */
    @FunctionalInterface
    public interface Listener {
        /**
         * A run began, reported, or ended.
         *
         * @param run its snapshot now
         */
        void changed(TrainingRun run);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The runs that have not ended, by number; guarded by {@code this}. */
    private final Map<Long, LiveTraining> running = new LinkedHashMap<>();
    /** The run that ended last, or null; guarded by {@code this}. */
    private TrainingRun lastEnded;
    private long numbers;

    /**
     * Registers a training job as it starts.
     *
     * @param subject what it trains
     * @param plannedEpochs the epochs of its schedule
     * @param cancel cancels the job (a {@link TrainingRun.State#RUNNING running} run's Cancel)
     * @return what the job passes to the training as its listener, and ends when it is done
     */
    public LiveTraining begin(TrainingRun.Subject subject, int plannedEpochs, Runnable cancel) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(cancel, "cancel");
        LiveTraining live;
        synchronized (this) {
            live = new LiveTraining(++numbers, subject, plannedEpochs, cancel);
            running.put(live.number, live);
        }
        notifyListeners(live.snapshot());
        return live;
    }

    /**
     * The runs that have not ended.
     *
     * @return their snapshots, in the order they began
     */
    public synchronized List<TrainingRun> running() {
        List<TrainingRun> runs = new ArrayList<>();
        for (LiveTraining live : running.values()) {
            runs.add(live.snapshot());
        }
        return runs;
    }

    /**
     * The run a view shows: the one that began last among those running, else the one that ended last.
     *
     * @return its snapshot, or empty if no training ran since the workbench started
     */
    public synchronized Optional<TrainingRun> shown() {
        Optional<TrainingRun> newest = running().stream().max(Comparator.comparingLong(TrainingRun::number));
        return newest.isPresent() ? newest : Optional.ofNullable(lastEnded);
    }

    /**
     * Cancels a run's job.
     *
     * @param run a run
     * @return whether it was still running (its job then stops at its next batch)
     */
    public boolean cancel(TrainingRun run) {
        LiveTraining live;
        synchronized (this) {
            live = running.get(run.number());
        }
        if (live == null) {
            return false;
        }
        live.cancel.run();
        return true;
    }

    /**
     * Adds a listener.
     *
     * @param listener told of every change of every run
     */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener.
     *
     * @param listener a listener added before; nothing happens otherwise
     */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(TrainingRun run) {
        for (Listener listener : listeners) {
            SafeRunner.run(() -> listener.changed(run));
        }
    }

    /**
     * One training job as it reports: the listener the job passes to the training, which it
     * {@link #end ends} with how the job went.
     */
    public final class LiveTraining implements TrainingListener {

        private final long number;
        private final TrainingRun.Subject subject;
        private final Runnable cancel;
        private final Instant started = Instant.now();
        // guarded by the registry: the training writes, views read snapshots
        private int plannedEpochs;
        private int trainings;
        private int validationSamples;
        private final List<EpochRecord> epochs = new ArrayList<>();
        private final List<BatchProgress> progress = new ArrayList<>();
        private TrainingRun.State state = TrainingRun.State.RUNNING;
        private Instant ended;
        private String problem;

        private LiveTraining(long number, TrainingRun.Subject subject, int plannedEpochs, Runnable cancel) {
            this.number = number;
            this.subject = subject;
            this.plannedEpochs = plannedEpochs;
            this.cancel = cancel;
        }

        @Override
        public void started(int epochCount, int batchesPerEpoch, int validated) {
            report(() -> {
                // a pruning in steps fine-tunes once per step: each training starts its curves anew
                plannedEpochs = epochCount;
                trainings++;
                validationSamples = validated;
                epochs.clear();
                progress.clear();
            });
        }

        @Override
        public void progressed(BatchProgress batches) {
            report(() -> progress.add(batches));
        }

        @Override
        public void epochFinished(EpochRecord epoch) {
            report(() -> epochs.add(epoch));
        }

        /** Changes the run under the registry's lock, then tells the listeners, outside it. */
        private void report(Runnable change) {
            TrainingRun run;
            synchronized (TrainingRuns.this) {
                change.run();
                run = snapshot();
            }
            notifyListeners(run);
        }

        /**
         * Ends the run: it leaves the running ones and becomes the one that ended last.
         *
         * @param outcome {@link TrainingRun.State#COMPLETED}, {@link TrainingRun.State#FAILED} or
         *            {@link TrainingRun.State#CANCELLED}
         * @param why why it failed, or null
         */
        public void end(TrainingRun.State outcome, String why) {
            if (outcome == TrainingRun.State.RUNNING) {
                throw new IllegalArgumentException("a run ends completed, failed or cancelled");
            }
            TrainingRun run;
            synchronized (TrainingRuns.this) {
                if (state != TrainingRun.State.RUNNING) {
                    return;
                }
                state = outcome;
                problem = why;
                ended = Instant.now();
                running.remove(number);
                run = snapshot();
                lastEnded = run;
            }
            notifyListeners(run);
        }

        private TrainingRun snapshot() {
            synchronized (TrainingRuns.this) {
                return new TrainingRun(number, subject, state, plannedEpochs, trainings, validationSamples, epochs,
                        progress, started, ended, problem);
            }
        }
    }
}
