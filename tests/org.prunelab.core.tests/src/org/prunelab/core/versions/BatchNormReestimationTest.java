package org.prunelab.core.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * Pruning re-estimates the batch norms of the pruned network before it is evaluated: on the demo's small VGG
 * (32-32-64-64) trained on the committed Fashion-MNIST subset, the accuracy right after pruning is higher
 * with the re-estimation than without, the recipe says on how many images it was done, and the preview
 * measures what pruning then stores.
 */
class BatchNormReestimationTest {

    @TempDir
    static Path dir;

    private static NDManager manager;
    private static MetricRegistry metrics;
    private static StrategyRegistry strategies;
    private static VersionStore store;
    private static DatasetSpec data;
    private static ModelVersion base;

    @BeforeAll
    static void trainTheDemosNetworkOnTheSubset() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(PruningService.class).getBundleContext();
        manager = service(context, ModelRuntime.class).newManager();
        metrics = service(context, MetricRegistry.class);
        strategies = service(context, StrategyRegistry.class);
        Path subset = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("fashion-mnist-subset")
                .toAbsolutePath();
        data = new DatasetSpec("fashion-mnist", subset.toString(), Normalization.FASHION_MNIST);
        ProjectFolder.create(dir, "bn", "batch-norm re-estimation").update(d -> d.withDataset(data).withModel("vgg"));
        store = new VersionStore(dir);
        base = PruningService.trainRoot(store, "vgg",
                Architectures.smallVgg("vgg", List.of(1, 28, 28), List.of(32, 32, 64, 64), 10), "small-vgg:32,32,64,64",
                data, TrainingSettings.adam(2, 1e-3, 128, 1), manager, null);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static <S> S service(BundleContext context, Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(30_000);
    }

    /** Half of every layer's filters by the L1 norm of their weights, without fine-tuning. */
    private static PruningService.PruneRequest half(int batchNormImages) {
        return new PruningService.PruneRequest(MetricScoring.request(metrics, "org.prunelab.metrics.weightL1"),
                Planning.request(strategies, "org.prunelab.strategies.uniform", JsonParser.parseString("{\"ratio\": 0.5}")),
                1, null, 0, null, batchNormImages);
    }

    @Test
    void theAccuracyRightAfterPruningRisesWithReestimatedBatchNorms() throws IOException {
        ModelVersion kept = PruningService.prune(store, base, data, half(0), manager, null);
        ModelVersion reestimated = PruningService.prune(store, base, data, half(PruningService.BATCH_NORM_IMAGES),
                manager, null);
        double before = kept.evaluation().accuracy();
        double after = reestimated.evaluation().accuracy();
        System.out.printf("[batch norms] small VGG 32-32-64-64 on the subset (%.1f %%), uniform 50 %% by L1: "
                + "%.1f %% with the parent's statistics, %.1f %% re-estimated on %d images%n",
                100 * base.evaluation().accuracy(), 100 * before, 100 * after, reestimated.recipe().batchNormImages());
        assertTrue(after > before + 0.02, "re-estimated " + after + " against " + before);
        assertEquals(kept.evaluation().parameters(), reestimated.evaluation().parameters(), "the same plan");
        // the subset holds 1500 training images: all of them stand in for the 4000 asked for
        assertEquals(1500, reestimated.recipe().batchNormImages());
        assertEquals(0, kept.recipe().batchNormImages());
        assertEquals("re-estimated on 1500 training images", reestimated.recipe().batchNorms().orElseThrow());
        assertEquals("the parent's", kept.recipe().batchNorms().orElseThrow());
        assertTrue(base.recipe().batchNorms().isEmpty(), "a trained root was not pruned");

        // the preview measures what pruning stores, with and without
        PruningService.PrunePreview preview = PruningService.preview(base, data, half(PruningService.BATCH_NORM_IMAGES),
                manager, null);
        PruningService.PrunedAccuracy measured = PruningService.accuracyAfterPruning(preview, data,
                PruningService.BATCH_NORM_IMAGES, manager, null);
        assertEquals(after, measured.accuracy(), 1e-12);
        assertEquals(500, measured.testImages());
        assertEquals(1500, measured.batchNormImages());
        assertEquals(before, PruningService.accuracyAfterPruning(preview, data, 0, manager, null).accuracy(), 1e-12);
    }

    @Test
    void everyStepOfAnIterativePruningIsReestimated() throws IOException {
        List<ModelVersion> steps = PruningService.pruneIteratively(store, base, data, half(300), 2, manager, null);
        assertEquals(2, steps.size());
        for (ModelVersion step : steps) {
            assertEquals(300, step.recipe().batchNormImages(), step.id());
        }
    }

    @Test
    void aNegativeNumberOfImagesIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> half(-1));
        assertEquals("the images for batch-norm re-estimation (batchNormImages) must be at least 0 (0: off), not -1",
                e.getMessage());
    }

    @Test
    void theRecipeKeepsTheImagesAndOlderRecipesReadAsNotReestimated() throws IOException {
        Recipe recipe = new Recipe("pruned", "base", null, "org.prunelab.metrics.weightL1", null,
                "org.prunelab.strategies.uniform", null, 1, Map.of("conv1", 16), 4000, null, 0, Instant.now());
        ModelVersion written;
        try (var model = store.load(base, manager)) {
            written = store.write("vgg", "written", model, recipe, base.evaluation());
        }
        Path file = written.directory().resolve(VersionStore.RECIPE_FILE);
        assertTrue(Files.readString(file).contains("\"batchNormImages\": 4000"), Files.readString(file));
        assertEquals(recipe, new VersionStore(dir).version("vgg", "written").recipe());

        // written before re-estimation existed: no field, so not re-estimated
        Files.writeString(file, Files.readString(file).replace("\"batchNormImages\": 4000,", ""));
        assertEquals(0, new VersionStore(dir).version("vgg", "written").recipe().batchNormImages());

        Files.writeString(file, Files.readString(file).replace("\"minChannels\": 1,",
                "\"minChannels\": 1, \"batchNormImages\": -3,"));
        DamagedVersion damaged = new VersionStore(dir).damaged("vgg").stream().filter(d -> d.id().equals("written"))
                .findFirst().orElseThrow();
        assertTrue(damaged.reason().contains("'batchNormImages' must be at least 0"), damaged.reason());
        Files.writeString(file, Files.readString(file).replace("-3", "\"many\""));
        damaged = new VersionStore(dir).damaged("vgg").stream().filter(d -> d.id().equals("written")).findFirst()
                .orElseThrow();
        assertTrue(damaged.reason().contains("not readable JSON at $.batchNormImages"), damaged.reason());
    }
}
