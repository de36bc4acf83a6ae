package org.prunelab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.filters.FilterDetails;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterProvider;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.probe.TopActivations;
import org.prunelab.testing.ContractProject;

import ai.djl.ndarray.NDManager;

/**
 * CNNPruner's filter view of a layer against a direct computation on the same weights and images: the
 * kernels are the layer's weights, each metric's scores are what it scores on its own, the top images
 * and the example maps are the layer's activations, and a metric that fails leaves the others scored.
 */
class FilterDetailsTest extends MetricTestCase {

    private static final String LAYER = "conv2";

    private static ContractProject project;
    private static FilterDetails details;

    @BeforeAll
    static void computeTheDetails() throws Exception {
        project = ContractProject.create();
        FilterProvider provider = new FilterProvider(project.runtime(), registry, Services.get(StrategyRegistry.class));
        details = provider.details(base(), LAYER, Map.of(), null);
    }

    @AfterAll
    static void deleteTheProject() throws Exception {
        project.close();
    }

    private static ModelVersion base() {
        return project.versions(1).get(0);
    }

    @Test
    void kernelsAndScoresAreTheLayersOwn() throws Exception {
        Dataset test = project.data().test(project.folder());
        try (NDManager scope = manager.newSubManager();
                NetworkModel model = new VersionStore(project.folder()).load(base(), scope)) {
            float[] weight = model.parameter(LAYER + ".weight").toFloatArray();
            assertArrayEquals(weight, details.kernels().weights());
            assertEquals(4, details.kernels().filters());
            assertEquals(4, details.kernels().inputs());
            assertEquals(3, details.kernels().height());
            assertArrayEquals(Arrays.copyOfRange(weight, (2 * 4 + 1) * 9, (2 * 4 + 2) * 9),
                    details.kernels().of(2, 1));
            ScoringContext context = new ScoringContext(model, List.of(LAYER), test.classNames());
            int scored = 0;
            for (MetricDescriptor descriptor : registry.descriptors()) {
                if (details.failures().containsKey(descriptor.id())) {
                    continue;
                }
                double[] alone = MetricScoring.score(context, test, project.data().normalization(), PruningService.BATCH_SIZE,
                        List.of(MetricScoring.request(registry, descriptor.id())), null).get(descriptor.id())
                        .importance(LAYER);
                assertArrayEquals(alone, details.scores().get(descriptor.id()), 0, descriptor.id());
                int[] ranked = FilterOrder.byImportance(alone).ranked();
                for (int r = 0; r < ranked.length; r++) {
                    assertEquals(r + 1, details.rank(descriptor.id(), ranked[r]));
                }
                scored++;
            }
            assertTrue(scored >= 10, "the built-in metrics and the example plug-in's score: " + scored);
        }
    }

    @Test
    void aFailingMetricIsReportedAndTheOthersScore() {
        assertTrue(details.failures().keySet().containsAll(
                Set.of("org.prunelab.metrics.tests.throwing", "org.prunelab.metrics.tests.shortScores")));
        assertTrue(details.failures().keySet().stream().allMatch(id -> id.startsWith("org.prunelab.metrics.tests.")),
                "only the broken metrics fail: " + details.failures());
        assertTrue(details.failures().get("org.prunelab.metrics.tests.throwing").contains("org.prunelab.metrics.tests"),
                "the message names the plug-in: " + details.failures());
        assertTrue(details.scores().containsKey("org.prunelab.metrics.weightL1"));
    }

    @Test
    void theTopImagesAndExampleMapsAreTheLayersActivations() throws Exception {
        Dataset test = project.data().test(project.folder());
        try (NDManager scope = manager.newSubManager();
                NetworkModel model = new VersionStore(project.folder()).load(base(), scope);
                Batch all = Batches.inOrder(test, test.size(), project.data().normalization()).iterator(scope).next()) {
            String observed = new ScoringContext(model, List.of(LAYER), test.classNames()).observedLayer(LAYER);
            float[] a = Executor.run(model, all.images(), false, Set.of(observed), Set.of()).outputs().get(observed)
                    .toFloatArray();
            int n = test.size();
            int filters = 4;
            int positions = details.mapHeight() * details.mapWidth();
            assertEquals(16 * 16, positions, "conv2 keeps the 16 × 16 input");
            // the first image of each of the three classes, in label order
            assertEquals(3, details.examples().length);
            for (int e = 0; e < 3; e++) {
                assertEquals(e, test.label(details.examples()[e]));
                assertTrue(details.examples()[e] == 0 || test.label(details.examples()[e] - 1) != e);
            }
            for (int f = 0; f < filters; f++) {
                List<double[]> means = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    double sum = 0;
                    for (int p = 0; p < positions; p++) {
                        sum += a[(s * filters + f) * positions + p];
                    }
                    means.add(new double[] {s, sum / positions});
                }
                means.sort(Comparator.comparingDouble((double[] m) -> -m[1]).thenComparingDouble(m -> m[0]));
                List<TopActivations.Entry> top = details.top().get(f);
                assertEquals(FilterProvider.TOP_IMAGES, top.size());
                for (int i = 0; i < top.size(); i++) {
                    int sample = (int) means.get(i)[0];
                    assertEquals(sample, top.get(i).sample(), "filter " + f + ", place " + i);
                    assertEquals(means.get(i)[1], top.get(i).activation(), 1e-5);
                    assertEquals(a[(sample * filters + f) * positions + 37], top.get(i).map()[37], 0);
                    assertEquals(test.label(sample), details.images().get(sample).label());
                }
                for (int e = 0; e < 3; e++) {
                    int sample = details.examples()[e];
                    assertEquals(a[(sample * filters + f) * positions + 100], details.exampleMaps()[f][e][100], 0);
                }
                assertTrue(details.mapRange(f) >= top.get(0).activation());
            }
            assertEquals(n, details.probeSamples());
        }
    }

    @Test
    void aLayerThatIsNoConvolutionIsRefused() {
        FilterProvider provider = new FilterProvider(project.runtime(), registry, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.details(base(), "fc", Map.of(), null));
        assertTrue(e.getMessage().contains("fc"), e.getMessage());
    }
}
