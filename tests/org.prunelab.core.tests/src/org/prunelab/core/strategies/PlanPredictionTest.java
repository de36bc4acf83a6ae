package org.prunelab.core.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroups;

/**
 * A plan's prediction: the sizes of the network it leaves, and its accuracy by the sum of the layers'
 * predicted losses, on cases counted by hand.
 */
class PlanPredictionTest {

    private static final Network VGG = Architectures.smallVgg("vgg", List.of(1, 28, 28), List.of(8, 8, 16, 16), 10);

    @Test
    void theSizesAreThoseOfTheNetworkWithTheKeptWidths() {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("conv1", 0.35);
        shares.put("conv3", 0.5);
        PlanPrediction prediction = PlanPrediction.of(VGG, shares, null);
        // 0.35 · 8 = 2.8 channels: 3 go, 5 stay; half of 16
        assertEquals(Map.of("conv1", 5, "conv2", 8, "conv3", 8, "conv4", 16), prediction.kept());
        assertEquals(List.of("conv1", "conv2", "conv3", "conv4"), List.copyOf(prediction.kept().keySet()));
        Network kept = Architectures.smallVgg("vgg", List.of(1, 28, 28), List.of(5, 8, 8, 16), 10);
        assertEquals(Complexity.of(kept), prediction.after());
        assertEquals(Complexity.of(VGG), prediction.before());
        // by hand: convs 1·5·9 + 5·8·9 + 8·8·9 + 8·16·9, batch norms 2·(5 + 8 + 8 + 16), classifier 16·7·7·10 + 10
        assertEquals(45 + 360 + 576 + 1152 + 74 + 7850, prediction.after().parameters());
        assertTrue(Double.isNaN(prediction.accuracy()), "no curves, no accuracy");
    }

    @Test
    void theAccuracyIsTheBaseLessTheSumOfEachLayersInterpolatedLoss() {
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        accuracy.put("conv1", List.of(0.85, 0.6, 0.3));
        accuracy.put("conv2", List.of(0.9, 0.9, 0.9));
        accuracy.put("conv3", List.of(0.88, 0.8, 0.5));
        accuracy.put("conv4", List.of(0.9, 0.89, 0.7));
        SensitivityCurves curves = new SensitivityCurves("test", List.of(0.2, 0.5, 0.8), 0.9, accuracy, 100);
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("conv1", 0.35);
        shares.put("conv3", 0.5);
        PlanPrediction prediction = PlanPrediction.of(VGG, shares, curves);
        // conv1 at 0.35, half way from 0.2 (0.85) to 0.5 (0.6): 0.725, a loss of 0.175; conv3 at 0.5 loses 0.1
        assertEquals(0.9, prediction.baseAccuracy(), 1e-12);
        assertEquals(0.9 - 0.175 - 0.1, prediction.accuracy(), 1e-12);
        // beyond the last share, the last loss; never below 0
        shares.put("conv1", 0.9);
        shares.put("conv3", 0.9);
        shares.put("conv4", 0.9);
        assertEquals(0, PlanPrediction.of(VGG, shares, curves).accuracy(), 1e-12);
    }

    @Test
    void aPlanThatWouldEmptyALayerOrNamesNoLayerIsRefusedWithTheLayerNamed() {
        String empty = assertThrows(IllegalArgumentException.class,
                () -> PlanPrediction.of(VGG, Map.of("conv2", 0.95), null)).getMessage();
        assertEquals("removing 95 % of conv2 would leave it no channel: it has 8", empty);
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> PlanPrediction.of(VGG, Map.of("fc", 0.5), null)).getMessage();
        assertEquals("'fc' is not a prunable layer of vgg; the prunable ones are conv1, conv2, conv3, conv4", unknown);
        String share = assertThrows(IllegalArgumentException.class,
                () -> PlanPrediction.of(VGG, Map.of("conv1", -0.1), null)).getMessage();
        assertTrue(share.contains("conv1 removed must be at least 0 and below 1"), share);
        Network resnet = Architectures.cifarResnet(8, 10);
        String stage1 = ChannelGroups.of(resnet).groupOf("stem.conv").orElseThrow().id();
        String residual = assertThrows(IllegalArgumentException.class,
                () -> PlanPrediction.of(resnet, Map.of(stage1, 0.99), null)).getMessage();
        assertTrue(residual.contains("(a residual group of stem.conv, s1.b1.conv2)"), residual);
    }
}
