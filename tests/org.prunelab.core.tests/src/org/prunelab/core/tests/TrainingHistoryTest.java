package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.training.BatchProgress;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.TrainingListener;
import org.prunelab.runtime.training.TrainingSettings;

import ai.djl.ndarray.NDManager;

/**
 * Training histories: stored with a version, read back as written, absent for older versions, measured
 * on validation samples of every class, and told as they are made to whoever watches the training.
 */
class TrainingHistoryTest {

    @TempDir
    Path dir;

    private static final TrainingHistory HAND_MADE = new TrainingHistory(List.of(
            new EpochRecord(1, 0.75, 0.625, 0.5, 0.8125, 2.5),
            new EpochRecord(2, 0.25, 0.875, Double.NaN, Double.NaN, 3.0)), 2000);

    private static NDManager manager() throws InterruptedException {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(VersionStore.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        return tracker.waitForService(30_000).newManager();
    }

    @Test
    void aHistoryReadsBackAsWrittenAndUnmeasuredValuesAreNull() {
        String json = HAND_MADE.toJson();
        assertTrue(json.contains("\"validationSamples\": 2000"), json);
        assertTrue(json.contains("\"trainAccuracy\": 0.625"), json);
        assertTrue(json.contains("\"validationAccuracy\": 0.8125"), json);
        // NaN is not JSON: the second epoch's validation figures are null
        assertTrue(json.contains("\"validationAccuracy\": null"), json);
        TrainingHistory read = TrainingHistory.fromJson(json);
        assertEquals(2000, read.validationSamples());
        assertEquals(2, read.epochs().size());
        assertEquals(new EpochRecord(1, 0.75, 0.625, 0.5, 0.8125, 2.5), read.epochs().get(0));
        assertTrue(Double.isNaN(read.epochs().get(1).validationAccuracy()));
        assertArrayEquals(new double[] {1, 2}, read.epochNumbers());
        assertArrayEquals(new double[] {0.625, 0.875}, read.trainAccuracy());
        assertTrue(read.hasValidation());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingHistory.fromJson("{\"format\": 7, \"epochs\": []}"));
        assertEquals("unknown training history format 7 (this PruneLab reads format 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingHistory.fromJson("{\"format\": 1}"));
        assertEquals("the training history has no list of epochs", e.getMessage());
    }

    @Test
    void theStoreWritesTheHistoryWithTheVersionAndOlderVersionsHaveNone() throws Exception {
        Recipe recipe = new Recipe("trained", null, "small-vgg", null, null, null, null, 0, null, null, 1, Instant.now());
        Evaluation evaluation = new Evaluation(0.9, 0.3, new double[] {0.9}, new int[][] {{9}}, 100, 200, 1, 2, 2, 0);
        try (NDManager manager = manager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("m", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), manager, 1)) {
            VersionStore store = new VersionStore(dir);
            ModelVersion trained = store.write("m", "base", model, recipe, evaluation, HAND_MADE);
            assertTrue(Files.isRegularFile(trained.directory().resolve(TrainingHistory.FILE)));
            Optional<TrainingHistory> read = new VersionStore(dir).history(store.version("m", "base"));
            assertEquals(HAND_MADE.epochs().get(0), read.orElseThrow().epochs().get(0));
            assertEquals(2, read.get().epochs().size());
            // a version written without one (as before histories were kept) still loads, and has none
            ModelVersion older = store.write("m", "v1", model, recipe, evaluation);
            assertEquals(List.of("base", "v1"), store.versions("m").stream().map(ModelVersion::id).toList());
            assertEquals(Optional.empty(), store.history(older));
            // a damaged history is named
            Files.writeString(trained.directory().resolve(TrainingHistory.FILE), "{\"format\": 1, \"epochs\": [");
            IOException e = assertThrows(IOException.class, () -> store.history(trained));
            assertTrue(e.getMessage().startsWith(trained.directory().resolve(TrainingHistory.FILE) + ": not a training"),
                    e.getMessage());
        }
    }

    @Test
    void validationSamplesTakeEveryClassInItsShare() {
        // 3000 one-pixel images whose labels cycle 0..9, as in PruneLab's Fashion-MNIST
        int n = 3000;
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i] = (byte) (i % 251);
        }
        Dataset train = new ArrayDataset("cycling", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                List.of(1, 1, 1), pixels, labels);
        Dataset validation = PruningService.validation(train);
        assertEquals(PruningService.VALIDATION_SAMPLES, validation.size());
        int[] perClass = new int[10];
        for (int i = 0; i < validation.size(); i++) {
            perClass[validation.label(i)]++;
        }
        assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, perClass);
        // class 0's members are 0, 10, 20, ...; 200 of its 300 are members 0, 1, 3, 4, 6, ... (j · 300 / 200)
        // and in dataset order the first samples are 0 (class 0), 1 (class 1), ..., 9, then 10 (class 0)
        float[] pixel = new float[1];
        validation.pixels(10, pixel, 0);
        assertEquals(10 / 255f, pixel[0], 1e-6);
        validation.pixels(20, pixel, 0);
        assertEquals(30 / 255f, pixel[0], 1e-6);

        // a set of 60 000 interleaved labels: an even stride of 30 would be all class 0
        int big = 60_000;
        byte[] bigLabels = new byte[big];
        for (int i = 0; i < big; i++) {
            bigLabels[i] = (byte) (i % 10);
        }
        Dataset fashionLike = new ArrayDataset("interleaved", train.classNames(), List.of(1, 1, 1), new byte[big],
                bigLabels);
        Dataset picked = PruningService.validation(fashionLike);
        int[] counts = new int[10];
        for (int i = 0; i < picked.size(); i++) {
            counts[picked.label(i)]++;
        }
        assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, counts);
        // a set no larger than the validation size is used whole
        assertSame(validation, PruningService.validation(validation));
    }

    /** Keeps what a training tells. */
    private static final class EpochsHeard implements TrainingListener {
        final List<EpochRecord> epochs = new ArrayList<>();
        final List<BatchProgress> progress = new ArrayList<>();

        @Override
        public void progressed(BatchProgress batches) {
            progress.add(batches);
        }

        @Override
        public void epochFinished(EpochRecord epoch) {
            epochs.add(epoch);
        }
    }

    @Test
    void trainingAndFineTuningStoreTheirOwnEpochs() throws Exception {
        Path subset = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("fashion-mnist-subset")
                .toAbsolutePath();
        DatasetSpec data = new DatasetSpec("fashion-mnist", subset.toString(), Normalization.FASHION_MNIST);
        VersionStore store = new VersionStore(dir);
        try (NDManager manager = manager()) {
            EpochsHeard heard = new EpochsHeard();
            ModelVersion base = PruningService.trainRoot(store, "tiny",
                    Architectures.smallVgg("tiny", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), "small-vgg:4,4,8,8",
                    data, TrainingSettings.adam(1, 1e-3, 128, 1), heard, manager, null);
            TrainingHistory history = store.history(base).orElseThrow();
            // what the training told as it went is what was stored, to the last digit
            assertEquals(history.epochs(), heard.epochs);
            Dataset train = data.train(dir);
            // the subset's 1500 training images are fewer than the validation size: all of them are used
            assertEquals(train.size(), history.validationSamples());
            assertEquals(1, history.epochs().size());
            // after the last epoch, the validation accuracy is that of the stored model on those samples
            try (NetworkModel stored = store.load(base, manager)) {
                double accuracy = ModelTraining.evaluate(stored, train, data.normalization(), 128, null).accuracy();
                assertEquals(accuracy, history.epochs().get(0).validationAccuracy(), 1e-9);
            }
            assertTrue(history.epochs().get(0).trainAccuracy() > 0.1, history.toJson());

            EpochsHeard tuning = new EpochsHeard();
            ModelVersion tuned = PruningService.fineTune(store, base, data, TrainingSettings.adam(2, 1e-3, 128, 1),
                    tuning, manager, null);
            TrainingHistory own = store.history(tuned).orElseThrow();
            assertEquals(own.epochs(), tuning.epochs);
            // 1500 images in batches of 128: 12 batches an epoch, each reported, the last with the epoch's figures
            assertEquals(24, tuning.progress.size());
            for (EpochRecord epoch : own.epochs()) {
                BatchProgress last = tuning.progress.get(12 * epoch.epoch() - 1);
                assertEquals(12, last.batch());
                assertEquals(epoch.trainLoss(), last.trainLoss(), 1e-12);
                assertEquals(epoch.trainAccuracy(), last.trainAccuracy(), 1e-12);
            }
            assertEquals(List.of(1, 2), own.epochs().stream().map(EpochRecord::epoch).toList());
            assertTrue(own.hasValidation());
            // the parent's history is untouched
            assertEquals(1, store.history(store.version("tiny", "base")).orElseThrow().epochs().size());
        }
    }
}
