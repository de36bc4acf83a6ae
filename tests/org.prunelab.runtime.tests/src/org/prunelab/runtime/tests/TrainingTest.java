package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.NonFiniteLogitsException;
import org.prunelab.runtime.training.TrainingDivergedException;
import org.prunelab.runtime.training.TrainingListener;
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
                            0, 4, 32, 7, false, 0, 0),
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
    void aListenerIsToldEveryEpochOfTheHistoryAndTheRunningMeansInOrder() {
        ArrayDataset train = TestData.fashionTrain();
        ArrayDataset validation = TestData.fashionTest();
        // 1500 images in batches of 32: 47 batches an epoch, the last of 28 images; a report every 2 batches
        int batches = 47;
        assertEquals(2, ModelTraining.batchesPerReport(batches));
        List<String> events = new ArrayList<>();
        List<BatchProgress> progress = new ArrayList<>();
        List<EpochRecord> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void started(int epochCount, int batchesPerEpoch, int validationSamples) {
                events.add("started " + epochCount + " " + batchesPerEpoch + " " + validationSamples);
            }

            @Override
            public void progressed(BatchProgress batch) {
                events.add("batch " + batch.epoch() + "." + batch.batch());
                progress.add(batch);
            }

            @Override
            public void epochFinished(EpochRecord epoch) {
                events.add("epoch " + epoch.epoch());
                epochs.add(epoch);
            }
        };
        List<EpochRecord> history;
        try (NetworkModel model = NetworkModel.initialize(tinyVgg(), manager, 1)) {
            history = ModelTraining.train(model, train, validation, Normalization.FASHION_MNIST,
                    TrainingSettings.adam(2, 1e-3, 32, 5), listener, new NullProgressMonitor());
        }
        // the very records the history holds, none more
        assertEquals(history, epochs);
        assertEquals(2, history.size());

        List<String> expected = new ArrayList<>();
        expected.add("started 2 47 500");
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int batch = 2; batch < batches; batch += 2) {
                expected.add("batch " + epoch + "." + batch);
            }
            // the epoch's last batch is reported, whatever the step, before the epoch's record
            expected.add("batch " + epoch + "." + batches);
            expected.add("epoch " + epoch);
        }
        assertEquals(expected, events);

        double position = 0;
        for (BatchProgress batch : progress) {
            assertEquals(batches, batch.batches());
            assertTrue(batch.position() > position, "positions grow: " + progress);
            position = batch.position();
            assertTrue(batch.trainLoss() > 0 && Double.isFinite(batch.trainLoss()), batch.toString());
            assertTrue(batch.trainAccuracy() >= 0 && batch.trainAccuracy() <= 1, batch.toString());
            if (batch.batch() == batches) {
                // the last report of an epoch is the epoch's own figures, over all its samples
                EpochRecord record = history.get(batch.epoch() - 1);
                assertEquals(batch.epoch(), batch.position(), 0);
                assertEquals(record.trainLoss(), batch.trainLoss(), 1e-12);
                assertEquals(record.trainAccuracy(), batch.trainAccuracy(), 1e-12);
            }
        }
        // running means over a whole number of images: an accuracy after k batches of 32 is a count over 32 k
        BatchProgress second = progress.get(0);
        assertEquals(0, Math.abs(second.trainAccuracy() * 64 - Math.rint(second.trainAccuracy() * 64)), 1e-9);
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
                TrainingSettings.Schedule.CONSTANT, 0, 3, 100, 1, false, 0, 0);
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

    @Test
    void theDistillationLossIsHintonsByHand() {
        // student [1, 0], teacher [0, 1], label 0, T = 2, α = 0.5
        double ce = Math.log(1 + Math.exp(-1));
        double[] p = {1 / (1 + Math.exp(0.5)), 1 / (1 + Math.exp(-0.5))}; // softmax([0, 0.5])
        double[] q = {p[1], p[0]}; // softmax([0.5, 0])
        double kl = p[0] * Math.log(p[0] / q[0]) + p[1] * Math.log(p[1] / q[1]);
        try (NDManager m = manager.newSubManager()) {
            float loss = ModelTraining.distillationLoss(m.create(new float[] {1, 0}, new ai.djl.ndarray.types.Shape(1, 2)),
                    m.create(new float[] {0, 1}, new ai.djl.ndarray.types.Shape(1, 2)), m.create(new int[] {0}), 2, 0.5)
                    .getFloat();
            assertEquals(0.5 * ce + 0.5 * 4 * kl, loss, 1e-6);
        }
    }

    /** Without batch norm or dropout, a network computes the same in training as in inference. */
    private static Network convNet() {
        return new Network("conv-net", List.of(1, 28, 28), List.of(
                Layer.of("conv", new Op.Conv2d(4, 3, 2, 1, true), Network.INPUT),
                Layer.of("relu", new Op.Relu(), "conv"),
                Layer.of("pool", new Op.GlobalAvgPool(), "relu"),
                Layer.of("flatten", new Op.Flatten(), "pool"),
                Layer.of("fc", new Op.Linear(10, true), "flatten")));
    }

    @Test
    void distillingAllFromAnIdenticalTeacherLeavesTheWeightsAndWeightZeroIsPlainTraining() {
        ArrayDataset train = TestData.fashionTrain();
        Normalization normalization = Normalization.of(train, 1500);
        TrainingSettings plain = sgd(0.05);
        try (NetworkModel student = NetworkModel.initialize(convNet(), manager, 3);
                NetworkModel teacher = NetworkModel.initialize(convNet(), manager, 3);
                NetworkModel labelsOnly = NetworkModel.initialize(convNet(), manager, 3);
                NetworkModel weightZero = NetworkModel.initialize(convNet(), manager, 3)) {
            float[] before = student.parameter("fc.weight").toFloatArray();
            // the soft targets are the student's own predictions: the KL divergence and its gradient are 0
            ModelTraining.train(student, teacher, train, null, normalization, plain.withDistillation(4, 1),
                    TrainingListener.NONE, new NullProgressMonitor());
            assertArrayEquals(before, student.parameter("fc.weight").toFloatArray(), 1e-6f);
            assertArrayEquals(teacher.parameter("conv.weight").toFloatArray(),
                    student.parameter("conv.weight").toFloatArray(), 1e-6f);
            // α = 0: the labels alone, step for step the same as training without a teacher
            ModelTraining.train(labelsOnly, null, train, null, normalization, plain, TrainingListener.NONE,
                    new NullProgressMonitor());
            ModelTraining.train(weightZero, teacher, train, null, normalization, plain.withDistillation(4, 0),
                    TrainingListener.NONE, new NullProgressMonitor());
            assertArrayEquals(labelsOnly.parameter("fc.weight").toFloatArray(),
                    weightZero.parameter("fc.weight").toFloatArray(), 0f);
            assertNotEquals(before[0], labelsOnly.parameter("fc.weight").toFloatArray()[0], "it trained");
        }
        assertThrows(IllegalArgumentException.class, () -> plain.withDistillation(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> plain.withDistillation(4, 1.5));
    }
}
