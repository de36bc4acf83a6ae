package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.NonFiniteLogitsException;
import org.prunelab.runtime.training.TrainingDivergedException;
import org.prunelab.runtime.training.TrainingSettings;

import ai.djl.ndarray.NDManager;

/**
 * Batching, training and evaluation on the committed Fashion-MNIST subset.
 */
class TrainingTest extends RuntimeTestCase {


    static Network tinyVgg() {
        return Architectures.smallVgg("vgg-8-8-16-16", List.of(1, 28, 28), List.of(8, 8, 16, 16), 10);
    }

    @Test
    void batchesAreSeededNormalisedAndComplete() {
        ArrayDataset test = TestData.fashionTest();
        Normalization normalization = new Normalization(List.of(0.5), List.of(0.25));
        Batches batches = new Batches(test, 128, normalization, 42L, false);
        assertEquals(4, batches.count());
        int[] first = firstIndices(batches);
        assertArrayEquals(first, firstIndices(new Batches(test, 128, normalization, 42L, false)));
        assertNotEquals(List.of(first[0], first[1]), List.of(firstIndices(new Batches(test, 128, normalization, 43L,
                false))[0], firstIndices(new Batches(test, 128, normalization, 43L, false))[1]));
        int seen = 0;
        boolean[] covered = new boolean[test.size()];
        Iterator<Batch> it = batches.iterator(manager);
        while (it.hasNext()) {
            try (Batch batch = it.next()) {
                seen += batch.size();
                for (int index : batch.indices()) {
                    covered[index] = true;
                }
                float[] pixels = new float[784];
                test.pixels(batch.indices()[0], pixels, 0);
                // (x − 0.5) / 0.25
                assertEquals((pixels[400] - 0.5f) * 4, batch.images().get("0, 0, 14, 8").getFloat(), 1e-5f);
                assertEquals(test.label(batch.indices()[0]), batch.labels().getInt(0));
            }
        }
        assertEquals(500, seen);
        for (boolean c : covered) {
            assertTrue(c);
        }
    }

    private int[] firstIndices(Batches batches) {
        try (Batch batch = batches.iterator(manager).next()) {
            return batch.indices();
        }
    }

    @Test
    void aSmallVggLearnsFashionMnistFromTheSubset() {
        ArrayDataset train = TestData.fashionTrain();
        ArrayDataset test = TestData.fashionTest();
        Normalization normalization = Normalization.of(train, 1500);
        assertEquals(0.286, normalization.mean().get(0), 0.02, "the subset's mean is Fashion-MNIST's");
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            EvaluationResult before = ModelTraining.evaluate(model, test, normalization, 100, new NullProgressMonitor());
            List<EpochRecord> history = ModelTraining.train(model, train, test, normalization,
                    new TrainingSettings(TrainingSettings.Optimizer.ADAM, 2e-3, 0, 0, TrainingSettings.Schedule.CONSTANT,
                            0, 4, 32, 7, false),
                    new NullProgressMonitor());
            assertEquals(4, history.size());
            assertTrue(history.get(3).trainLoss() < history.get(0).trainLoss(), history.toString());
            EvaluationResult after = ModelTraining.evaluate(model, test, normalization, 100, new NullProgressMonitor());
            System.out.printf("[training] tiny VGG on 1500 Fashion-MNIST images: test accuracy %.3f -> %.3f, %s%n",
                    before.accuracy(), after.accuracy(), history);
            // 1500 training images, 4 epochs: 83 % on this machine kind (chance: 10 %; the full set: about 90 %)
            assertTrue(before.accuracy() < 0.3, "untrained: " + before.accuracy());
            assertTrue(after.accuracy() >= 0.78, "trained: " + after.accuracy() + " " + history);
            assertEquals(after.accuracy(), history.get(3).validationAccuracy(), 1e-9);
            int total = 0;
            int diagonal = 0;
            for (int c = 0; c < 10; c++) {
                int row = 0;
                for (int p = 0; p < 10; p++) {
                    row += after.confusion()[c][p];
                }
                assertEquals(50, row, "every class has 50 test images");
                assertEquals((double) after.confusion()[c][c] / 50, after.perClassAccuracy()[c], 1e-9);
                total += row;
                diagonal += after.confusion()[c][c];
            }
            assertEquals(500, total);
            assertEquals((double) diagonal / 500, after.accuracy(), 1e-9);
            assertEquals(500, after.predictions().size());
            assertEquals(diagonal, after.predictions().stream().filter(p -> p.correct()).count());
            assertTrue(after.predictions().stream().allMatch(p -> p.confidence() >= 0.1f && p.confidence() <= 1f));
        }
    }

    @Test
    void trainingStopsWhenCancelled() {
        IProgressMonitor monitor = Monitors.cancelledAt(3);
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            assertThrows(OperationCanceledException.class, () -> ModelTraining.train(model, TestData.fashionTrain(),
                    null, Normalization.FASHION_MNIST, TrainingSettings.adam(1, 1), monitor));
        }
    }

    @Test
    void anEmptyOrMismatchedDatasetIsRefused() {
        ArrayDataset empty = new ArrayDataset("empty", List.of("a"), List.of(1, 28, 28), new byte[0], new byte[0]);
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.evaluate(model,
                    empty, Normalization.FASHION_MNIST, 10, null));
            assertEquals("the dataset empty is empty", e.getMessage());
            ArrayDataset colour = new ArrayDataset("colour", List.of("a"), List.of(3, 28, 28), new byte[3 * 784],
                    new byte[1]);
            e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.evaluate(model, colour,
                    Normalization.none(3), 10, null));
            assertEquals("colour has images of shape [3, 28, 28], network vgg-8-8-16-16 takes [1, 28, 28]", e.getMessage());
        }
    }

    @Test
    void aDivergingTrainingStopsAtTheBatchWhereTheLossTurnsNonFinite() {
        // a linear classifier under plain SGD at 1e37: the first update makes the logits overflow
        Network linear = new Network("linear", List.of(1, 28, 28), List.of(Layer.of("flat", new Op.Flatten(),
                Network.INPUT), Layer.of("fc", new Op.Linear(10, true), "flat")));
        try (NetworkModel model = NetworkModel.initialize(linear, manager, 1)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> ModelTraining.train(model,
                    TestData.fashionTrain(), null, Normalization.FASHION_MNIST, sgd(1e37), null));
            assertEquals(1, e.epoch());
            assertEquals(2, e.batch());
            assertTrue(e.getMessage().matches("training diverged in epoch 1, batch 2: the loss is (NaN|Infinity); the "
                    + "model was not kept\\. Train again with a lower learning rate \\(this run used 1\\.0E37\\)"),
                    e.getMessage());
        }
    }

    @Test
    void weightsThatTurnNonFiniteWhileTheLossStaysFiniteStopTrainingAfterTheEpoch() {
        // at 1e6 the batch norms keep the loss finite (they normalise the exploding activations with the
        // batch's own statistics), but their running variances overflow: the model is useless in inference
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> ModelTraining.train(model,
                    TestData.fashionTrain(), null, Normalization.FASHION_MNIST, sgd(1e6), null));
            assertEquals(1, e.epoch());
            assertEquals(15, e.batch());
            assertTrue(e.getMessage().contains("parameter 'bn2.runningVar' became NaN or infinite"), e.getMessage());
        }
    }

    private static TrainingSettings sgd(double learningRate) {
        return new TrainingSettings(TrainingSettings.Optimizer.SGD, learningRate, 0, 0,
                TrainingSettings.Schedule.CONSTANT, 0, 3, 100, 1, false);
    }

    @Test
    void evaluationOfAModelWithNonFiniteLogitsSaysSoInsteadOfReportingChance() {
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            model.parameters().get("conv1.weight").muli(Float.POSITIVE_INFINITY);
            NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class, () -> ModelTraining.evaluate(model,
                    TestData.fashionTest(), Normalization.FASHION_MNIST, 100, null));
            assertEquals(0, e.firstSample());
            assertEquals("network vgg-8-8-16-16 gives NaN or infinite logits on Fashion-MNIST test (samples 0 to 99): its "
                    + "weights are corrupt or training diverged, so no accuracy can be reported", e.getMessage());
        }
    }
}
