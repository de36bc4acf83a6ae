package org.prunelab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;


/**
 * The registry reads every contribution before loading classes; broken contributions are skipped or
 * fail only their own computation, naming the plug-in.
 */
class MetricRegistryTest extends MetricTestCase {


    @Test
    void listsTheBuiltInMetricsSortedById() {
        List<String> ids = registry.descriptors().stream().map(MetricDescriptor::id).toList();
        assertTrue(ids.containsAll(List.of("org.prunelab.metrics.activationL1", "org.prunelab.metrics.apoz",
                "org.prunelab.metrics.bnScale", "org.prunelab.metrics.cpd", "org.prunelab.metrics.discriminability",
                "org.prunelab.metrics.fpgm", "org.prunelab.metrics.hrank", "org.prunelab.metrics.instability",
                "org.prunelab.metrics.meanActivation", "org.prunelab.metrics.random", "org.prunelab.metrics.taylor",
                "org.prunelab.metrics.weightL1", "org.prunelab.metrics.weightL2")), ids.toString());
        assertEquals(ids.stream().sorted().toList(), ids);
        MetricDescriptor apoz = registry.descriptor("org.prunelab.metrics.apoz").orElseThrow();
        assertFalse(apoz.higherIsMoreImportant());
        assertEquals("Activations", apoz.contribution().category());
        assertEquals("org.prunelab.metrics", apoz.contribution().contributor());
        assertTrue(registry.descriptor("org.prunelab.metrics.weightL1").orElseThrow().higherIsMoreImportant());
    }

    @Test
    void contributionsWithoutRequiredAttributesOrWithUnknownTagsAreSkipped() {
        assertTrue(registry.descriptor("org.prunelab.metrics.tests.noDirection").isEmpty());
        assertTrue(registry.descriptor("org.prunelab.metrics.tests.wrongTag").isEmpty());
        assertTrue(registry.descriptor("org.prunelab.metrics.tests.throwing").isPresent());
    }

    @Test
    void anUnknownMetricIsNamedWithTheInstalledOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricScoring.request(registry, "org.example.entropy"));
        assertTrue(e.getMessage().startsWith("no metric 'org.example.entropy' is installed; installed: ["),
                e.getMessage());
    }

    @Test
    void aMetricThatThrowsFailsNamingItsPlugin() {
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            ContributionException e = assertThrows(ContributionException.class, () -> MetricScoring.score(context,
                    null, null, 1, List.of(MetricScoring.request(registry, "org.prunelab.metrics.weightL1"),
                            MetricScoring.request(registry, "org.prunelab.metrics.tests.throwing")), null));
            assertEquals("'Throwing' (org.prunelab.metrics.tests.throwing) of plug-in org.prunelab.metrics failed to "
                    + "score: java.lang.IllegalStateException: division by zero in the lab's formula", e.getMessage());
        }
    }

    @Test
    void scoresOfTheWrongLengthAreRefusedNamingThePlugin() {
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            ContributionException e = assertThrows(ContributionException.class, () -> MetricScoring.score(context,
                    null, null, 1, List.of(MetricScoring.request(registry, "org.prunelab.metrics.tests.shortScores")),
                    null));
            assertEquals("'Short scores' (org.prunelab.metrics.tests.shortScores) of plug-in org.prunelab.metrics "
                    + "returned 2 scores for layer 'conv', which has 3 filters", e.getMessage());
        }
    }

    @Test
    void nanScoresFromABadModelBlameTheModelNotThePlugin() {
        // weights of 4e37 are finite, but on inputs up to 100 the activations they make overflow float32
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            model.parameter("conv.weight").muli(1e37f);
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            ArrayDataset data = Fixtures.randomImages(8, List.of(2, 3, 3), 2, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricScoring.score(context,
                    data, new Normalization(List.of(0.0, 0.0), List.of(0.01, 0.01)), 4, List.of(MetricScoring.request(registry,
                            "org.prunelab.metrics.meanActivation")), null));
            assertTrue(e.getMessage().startsWith("'Mean activation' (org.prunelab.metrics.meanActivation) of plug-in "
                    + "org.prunelab.metrics cannot score weights: network weights gives NaN or infinite logits"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("the model, not the metric, is at fault"), e.getMessage());
        }
        try (NetworkModel model = Fixtures.weightModel(manager)) {
            model.parameter("bn.gamma").set(new float[] {0.5f, Float.NaN, 1});
            ScoringContext context = ScoringContext.allConvolutions(model, List.of("a", "b"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricScoring.score(context,
                    null, null, 1, List.of(MetricScoring.request(registry, "org.prunelab.metrics.bnScale")), null));
            assertTrue(e.getMessage().contains("its parameter 'bn.gamma' holds NaN or infinite values"), e.getMessage());
        }
    }
}
