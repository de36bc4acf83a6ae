package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.corruption.ImageCorruptions;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.DatasetException;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.Prediction;
import org.prunelab.runtime.training.TrainingSettings;

import ai.djl.ndarray.NDManager;

/**
 * An evaluation reads the next batch of a (corrupted) dataset on another thread while the network runs the
 * current one: the same predictions as the network's own argmax over {@link Batches}, a failing read thrown
 * as it is, nothing read after the call.
 */
class PrefetchedEvaluationTest extends RuntimeTestCase {

    private static final Normalization NORM = Normalization.FASHION_MNIST;

    @Test
    void thePixelsReadAheadAreThoseBatchesReads() {
        ArrayDataset test = TestData.fashionTest();
        try (NetworkModel model = trained()) {
            for (String corruption : List.of("jpeg", "gaussianNoise", "motionBlur")) {
                Dataset corrupted = new CorruptedDataset(test, ImageCorruptions.builtIn().require(corruption, 4), 4, 3);
                // 500 images in batches of 96: the last batch is a short one
                EvaluationResult result = ModelTraining.evaluate(model, corrupted, NORM, 96, new NullProgressMonitor());
                List<Integer> expected = argMaxOverBatches(model, corrupted);
                assertEquals(expected, result.predictions().stream().map(Prediction::predicted).toList(), corruption);
                assertEquals(IntStream.range(0, test.size()).boxed().toList(),
                        result.predictions().stream().map(Prediction::index).toList(), "in order");
                long right = IntStream.range(0, test.size()).filter(i -> expected.get(i) == test.label(i)).count();
                assertEquals((double) right / test.size(), result.accuracy(), 1e-12, corruption);
            }
        }
    }

    @Test
    void aFailingReadIsThrownAsItIsAndCancellingStopsTheReading() throws InterruptedException {
        ArrayDataset test = TestData.fashionTest();
        try (NetworkModel model = trained()) {
            Dataset failing = new Reading(333).of(test);
            DatasetException e = assertThrows(DatasetException.class,
                    () -> ModelTraining.evaluate(model, failing, NORM, 100, null));
            assertEquals("image-333: cannot be read", e.getMessage());

            Reading counted = new Reading(-1);
            IProgressMonitor monitor = Monitors.cancelledAt(2);
            assertThrows(OperationCanceledException.class,
                    () -> ModelTraining.evaluate(model, counted.of(test), NORM, 100, monitor));
            int read = counted.reads.get();
            assertTrue(read <= 400, "at most one batch read ahead of the cancelled one: " + read);
            Thread.sleep(200);
            assertEquals(read, counted.reads.get(), "nothing is read once the evaluation has returned");
        }
    }

    /** A small VGG trained for an epoch, so that its predictions vary with the pixels. */
    private static NetworkModel trained() {
        NetworkModel model = NetworkModel.initialize(Architectures.smallVgg("vgg-8-8-16-16", List.of(1, 28, 28),
                List.of(8, 8, 16, 16), 10), manager.newSubManager(), 1);
        ModelTraining.train(model, TestData.fashionTrain(), null, NORM, TrainingSettings.adam(1, 1), null);
        return model;
    }

    private static List<Integer> argMaxOverBatches(NetworkModel model, Dataset data) {
        List<Integer> predicted = new ArrayList<>();
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = Batches.inOrder(data, 96, NORM).iterator(scope);
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    for (long p : Executor.logits(model, batch.images(), false).argMax(1).toLongArray()) {
                        predicted.add((int) p);
                    }
                }
            }
        }
        return predicted;
    }

    /**
     * A corruption that leaves the images as they are, counts them and fails at one (none if negative): the
     * images are read in order, so the count is the index of the image being read.
     */
    private static final class Reading implements ImageCorruption {
        private final int failAt;
        final AtomicInteger reads = new AtomicInteger();

        Reading(int failAt) {
            this.failAt = failAt;
        }

        Dataset of(Dataset clean) {
            return new CorruptedDataset(clean, this, 1, 0);
        }

        @Override
        public String id() {
            return "reading";
        }

        @Override
        public String name() {
            return "Reading";
        }

        @Override
        public String family() {
            return "test";
        }

        @Override
        public float[] apply(float[] image, int channels, int height, int width, int severity,
                SplittableRandom random) {
            int index = reads.getAndIncrement();
            if (index == failAt) {
                throw new DatasetException(Path.of("image-" + index), "cannot be read");
            }
            return image;
        }
    }
}
