package org.prunelab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.onnx.OnnxImport;


/**
 * The contract every installed metric meets (built-ins, the example and any lab's plug-in in the test
 * runtime): deterministic, one finite score per filter of every layer, works on a residual network, and
 * stops when cancelled.
 */
class MetricContractTest extends MetricTestCase {

    private static NetworkModel resnet;
    private static ArrayDataset data;

    @BeforeAll
    static void buildResnet() {
        resnet = NetworkModel.initialize(Architectures.resnet20(10), manager, 1);
        data = Fixtures.randomImages(24, List.of(3, 32, 32), 10, 5);
    }

    @AfterAll
    static void closeResnet() {
        resnet.close();
    }

    private static List<MetricDescriptor> contracted() {
        // the deliberately broken contributions of this fragment are not held to the contract
        return registry.descriptors().stream().filter(d -> !d.id().startsWith("org.prunelab.metrics.tests.")).toList();
    }

    private static FilterScores score(MetricDescriptor metric, IProgressMonitor monitor) {
        ScoringContext context = ScoringContext.allConvolutions(resnet, data.classNames());
        Map<String, FilterScores> scores = MetricScoring.score(context, data, Normalization.CIFAR10, 8,
                List.of(MetricScoring.request(registry, metric.id())), monitor);
        return scores.get(metric.id());
    }

    @TestFactory
    Stream<DynamicTest> everyMetricScoresEveryFilterOfAResnetDeterministically() {
        List<DynamicTest> tests = new ArrayList<>();
        for (MetricDescriptor metric : contracted()) {
            tests.add(dynamicTest(metric.id(), () -> {
                FilterScores first = score(metric, new NullProgressMonitor());
                FilterScores second = score(metric, new NullProgressMonitor());
                assertEquals(21, first.byLayer().size(), "every conv of ResNet-20 is scored");
                for (String layer : first.byLayer().keySet()) {
                    double[] scores = first.of(layer);
                    assertEquals(ScoringContext.allConvolutions(resnet, data.classNames()).filters(layer), scores.length);
                    for (double s : scores) {
                        assertFalse(Double.isNaN(s) || Double.isInfinite(s), layer);
                    }
                    assertArrayEquals(scores, second.of(layer), 1e-9, "deterministic: " + layer);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyMetricScoresANetworkWithConcatenationAndDepthwiseConvolution() {
        // exported by PyTorch with its batch norms (runtime tests' data/torch/make-pytorch-models.py)
        ArrayDataset grey = Fixtures.randomImages(16, List.of(1, 28, 28), 10, 6);
        List<DynamicTest> tests = new ArrayList<>();
        for (MetricDescriptor metric : contracted()) {
            tests.add(dynamicTest(metric.id(), () -> {
                Path file = Path.of("../org.prunelab.runtime.tests/data/torch/concat-dw-with-bn.onnx");
                try (NetworkModel model = OnnxImport.load(file, manager)) {
                    ScoringContext context = ScoringContext.allConvolutions(model, grey.classNames());
                    FilterScores scores = MetricScoring.score(context, grey, Normalization.FASHION_MNIST, 8,
                            List.of(MetricScoring.request(registry, metric.id())), new NullProgressMonitor()).get(metric.id());
                    assertEquals(5, scores.byLayer().size(), "stem, left, right, depthwise and pointwise");
                    for (String layer : scores.byLayer().keySet()) {
                        assertEquals(context.filters(layer), scores.of(layer).length, layer);
                        for (double s : scores.of(layer)) {
                            assertFalse(Double.isNaN(s) || Double.isInfinite(s), layer);
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyMetricStopsWhenCancelled() {
        List<DynamicTest> tests = new ArrayList<>();
        for (MetricDescriptor metric : contracted()) {
            tests.add(dynamicTest(metric.id(), () -> {
                NullProgressMonitor cancelled = new NullProgressMonitor();
                cancelled.setCanceled(true);
                assertThrows(OperationCanceledException.class, () -> score(metric, cancelled));
            }));
        }
        return tests.stream();
    }

    /** Every setting has a label for the prune wizard's form and the recipes shown in the workbench. */
    @TestFactory
    Stream<DynamicTest> everyMetricsSettingsAreLabelled() {
        return contracted().stream().map(metric -> dynamicTest(metric.id(), () -> {
            Record defaults = registry.defaultSettings(metric).orElseThrow();
            for (RecordComponent component : defaults.getClass().getRecordComponents()) {
                Setting setting = component.getAnnotation(Setting.class);
                assertNotNull(setting, component.getName() + " of " + metric.id() + " has no @Setting");
                assertFalse(setting.label().isBlank(), component.getName());
            }
        }));
    }
}
