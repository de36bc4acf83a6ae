package org.prunelab.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;

/**
 * The registry of trainings in progress: what a job reports is what listeners and views get, in order; a
 * run ends once, stays shown until a newer one begins, and is cancelled through its job.
 */
class TrainingRunsTest {

    private static final TrainingRun.Subject NEW_MODEL = new TrainingRun.Subject(Path.of("/projects/lab"), "r8",
            "base", "Training model r8 (resnet:8, 2 epochs)");

    private static final TrainingRun.Subject FINE_TUNING = new TrainingRun.Subject(Path.of("/projects/lab"),
            "small-vgg", "v4", "Fine-tuning small-vgg/v4");

    @Test
    void listenersSeeEachReportAsASnapshotInOrder() {
        TrainingRuns runs = new TrainingRuns();
        List<TrainingRun> seen = new ArrayList<>();
        runs.addListener(seen::add);
        assertTrue(runs.shown().isEmpty(), "no training ran");

        TrainingRuns.LiveTraining live = runs.begin(NEW_MODEL, 2, () -> {
        });
        live.started(2, 10, 500);
        live.progressed(new BatchProgress(1, 5, 10, 2.0, 0.25));
        live.progressed(new BatchProgress(1, 10, 10, 1.5, 0.5));
        EpochRecord first = new EpochRecord(1, 1.5, 0.5, 1.25, 0.625, 3.0);
        live.epochFinished(first);
        live.progressed(new BatchProgress(2, 5, 10, 1.0, 0.75));

        assertEquals(6, seen.size(), "begin, started, three reports and an epoch");
        TrainingRun before = seen.get(0);
        assertEquals(TrainingRun.State.RUNNING, before.state());
        assertEquals(0, before.trainings());
        assertEquals(1, before.currentEpoch());
        TrainingRun now = runs.shown().orElseThrow();
        assertEquals(seen.get(5), now);
        assertEquals(NEW_MODEL, now.subject());
        assertEquals(List.of(first), now.epochs());
        assertEquals(List.of(0.5, 1.0, 1.5), now.progress().stream().map(BatchProgress::position).toList());
        assertEquals(2, now.currentEpoch());
        assertEquals(500, now.validationSamples());
        // a snapshot does not change when the training reports again
        assertEquals(1, seen.get(2).progress().size());

        live.epochFinished(new EpochRecord(2, 1.0, 0.75, 1.0, 0.75, 3.0));
        live.end(TrainingRun.State.COMPLETED, null);
        TrainingRun ended = runs.shown().orElseThrow();
        assertEquals(TrainingRun.State.COMPLETED, ended.state());
        assertEquals(2, ended.currentEpoch());
        assertTrue(runs.running().isEmpty());
        // it ends once: a later end changes nothing and tells nobody
        int told = seen.size();
        live.end(TrainingRun.State.FAILED, "too late");
        assertEquals(told, seen.size());
        assertEquals(TrainingRun.State.COMPLETED, runs.shown().orElseThrow().state());
    }

    @Test
    void theNewestRunningTrainingIsShownThenTheOneThatEndedLast() {
        TrainingRuns runs = new TrainingRuns();
        TrainingRuns.LiveTraining first = runs.begin(NEW_MODEL, 2, () -> {
        });
        TrainingRuns.LiveTraining second = runs.begin(FINE_TUNING, 1, () -> {
        });
        assertEquals(FINE_TUNING, runs.shown().orElseThrow().subject());
        second.end(TrainingRun.State.FAILED, "the dataset is missing");
        assertEquals(NEW_MODEL, runs.shown().orElseThrow().subject(), "the one still running");
        first.end(TrainingRun.State.CANCELLED, null);
        TrainingRun last = runs.shown().orElseThrow();
        assertEquals(NEW_MODEL, last.subject());
        assertEquals(TrainingRun.State.CANCELLED, last.state());
        assertFalse(last.running());
    }

    @Test
    void cancellingARunCancelsItsJobOnlyWhileItRuns() {
        TrainingRuns runs = new TrainingRuns();
        AtomicInteger cancelled = new AtomicInteger();
        TrainingRuns.LiveTraining live = runs.begin(NEW_MODEL, 2, cancelled::incrementAndGet);
        TrainingRun run = runs.shown().orElseThrow();
        assertTrue(runs.cancel(run));
        assertEquals(1, cancelled.get());
        live.end(TrainingRun.State.CANCELLED, null);
        assertFalse(runs.cancel(run), "an ended run has no job to cancel");
        assertEquals(1, cancelled.get());
    }

    @Test
    void eachTrainingOfAJobStartsItsCurvesAnew() {
        TrainingRuns runs = new TrainingRuns();
        TrainingRuns.LiveTraining live = runs.begin(FINE_TUNING, 1, () -> {
        });
        live.started(1, 4, 100);
        live.progressed(new BatchProgress(1, 4, 4, 1.0, 0.5));
        live.epochFinished(new EpochRecord(1, 1.0, 0.5, 1.0, 0.5, 1.0));
        // the second step of a pruning in steps
        live.started(1, 3, 100);
        TrainingRun run = runs.shown().orElseThrow();
        assertEquals(2, run.trainings());
        assertEquals(List.of(), run.epochs());
        assertEquals(List.of(), run.progress());
        assertEquals(1, run.currentEpoch());
    }

    @Test
    void aFailingListenerDoesNotStopTheTrainingNorTheOthers() {
        TrainingRuns runs = new TrainingRuns();
        List<TrainingRun> seen = new ArrayList<>();
        runs.addListener(run -> {
            throw new IllegalStateException("a view's bug");
        });
        runs.addListener(seen::add);
        TrainingRuns.LiveTraining live = runs.begin(NEW_MODEL, 1, () -> {
        });
        live.progressed(new BatchProgress(1, 1, 1, 1.0, 0.5));
        assertEquals(2, seen.size());
    }
}
