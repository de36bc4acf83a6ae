package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.prunelab.core.training.TrainingRun;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.ui.internal.performance.TrainingPlot;

/**
 * The training curves' accuracy axis ends on round ticks, with room around the points; a training as it
 * goes is drawn from its reports.
 */
class TrainingPlotTest {

    @Test
    void fourEpochsOfFineTuningReadInStepsOfTwoPoints() {
        // v13 of the demo: 91.3 → 94.1 % in training, 91.8 → 94.9 % in validation
        TrainingPlot plot = TrainingPlot.of("v13", history(new double[] {0.913, 0.926, 0.936, 0.941},
                new double[] {0.918, 0.926, 0.938, 0.949}));
        assertEquals(List.of(90.0, 96.0, 2.0), List.of(plot.yLower(), plot.yUpper(), plot.yStep()));
        assertEquals(List.of(0.5, 4.5), List.of(plot.xLower(), plot.xUpper()));
    }

    @Test
    void pointsCloseTogetherGetAFinerStepAndAStepOfRoomOnTheEdge() {
        // 85.0 % falls on a tick: the axis starts a step lower so that its point is not cut in half
        TrainingPlot plot = TrainingPlot.of("base", history(new double[] {0.85}, new double[] {0.862}));
        assertEquals(0.5, plot.yStep(), 1e-12);
        assertEquals(84.5, plot.yLower(), 1e-9);
        assertEquals(86.5, plot.yUpper(), 1e-9);
    }

    @Test
    void theAxisStaysWithinNoughtAndAHundredPercent() {
        TrainingPlot perfect = TrainingPlot.of("v1", history(new double[] {0.99, 1.0}, new double[] {0.995, 1.0}));
        assertEquals(List.of(98.5, 100.0, 0.5), List.of(perfect.yLower(), perfect.yUpper(), perfect.yStep()));
        TrainingPlot wide = TrainingPlot.of("v2", history(new double[] {0.1, 0.9}, new double[] {0.5, 0.6}));
        assertEquals(List.of(0.0, 100.0, 50.0), List.of(wide.yLower(), wide.yUpper(), wide.yStep()));
    }

    @Test
    void aTrainingAsItGoesIsDrawnFromItsReportsOnAnAxisOfTheEpochsPlanned() {
        TrainingRun.Subject subject = new TrainingRun.Subject(Path.of("/lab"), "r8", "base", "Training model r8");
        TrainingRun starting = new TrainingRun(1, subject, TrainingRun.State.RUNNING, 3, 0, 0, List.of(), List.of(),
                Instant.EPOCH, null, null);
        assertEquals("Waiting for the first batches of Training model r8…", TrainingPlot.of(starting).message());

        // epoch 1 reported twice and finished with its validation, epoch 2 half done
        TrainingRun running = new TrainingRun(1, subject, TrainingRun.State.RUNNING, 3, 1, 2000,
                List.of(new EpochRecord(1, 1.0, 0.5, 0.9, 0.625, 2.0)),
                List.of(new BatchProgress(1, 5, 10, 1.5, 0.25), new BatchProgress(1, 10, 10, 1.0, 0.5),
                        new BatchProgress(2, 5, 10, 0.75, 0.75)), Instant.EPOCH, null, null);
        TrainingPlot plot = TrainingPlot.of(running);
        assertEquals(List.of(0.0, 3.3), List.of(plot.xLower(), plot.xUpper()));
        TrainingPlot.Curve train = plot.curves().get(0);
        assertEquals(TrainingPlot.TRAIN, train.id());
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, train.epochs());
        assertArrayEquals(new double[] {25, 50, 75}, train.percents(), 1e-12);
        TrainingPlot.Curve validation = plot.curves().get(1);
        assertEquals("validation (2,000 samples)", validation.description());
        assertArrayEquals(new double[] {1}, validation.epochs());
        assertEquals(List.of("62.5 %"), validation.labels(), "a lone point carries its value");
    }

    private static TrainingHistory history(double[] train, double[] validation) {
        String epochs = IntStream.range(0, train.length).mapToObj(i -> String.format(Locale.ROOT,
                "{\"epoch\": %d, \"trainLoss\": 0.3, \"trainAccuracy\": %s, \"validationLoss\": 0.3,"
                        + " \"validationAccuracy\": %s, \"seconds\": 1.0}", i + 1, train[i], validation[i]))
                .collect(Collectors.joining(",\n"));
        return TrainingHistory.fromJson("{\"format\": 1, \"validationSamples\": 2000, \"epochs\": [" + epochs + "]}");
    }
}
