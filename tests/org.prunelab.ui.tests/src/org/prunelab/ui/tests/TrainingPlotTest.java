package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.ui.internal.performance.TrainingPlot;

/** The training curves' accuracy axis ends on round ticks, with room around the points. */
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

    private static TrainingHistory history(double[] train, double[] validation) {
        String epochs = IntStream.range(0, train.length).mapToObj(i -> String.format(Locale.ROOT,
                "{\"epoch\": %d, \"trainLoss\": 0.3, \"trainAccuracy\": %s, \"validationLoss\": 0.3,"
                        + " \"validationAccuracy\": %s, \"seconds\": 1.0}", i + 1, train[i], validation[i]))
                .collect(Collectors.joining(",\n"));
        return TrainingHistory.fromJson("{\"format\": 1, \"validationSamples\": 2000, \"epochs\": [" + epochs + "]}");
    }
}
