package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.InvalidNetworkException;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;

/**
 * The IR: shape inference, validation messages that name the layer, JSON.
 */
class NetworkTest {

    static Network smallVgg() {
        return Architectures.smallVgg("vgg-32-32-64-64", List.of(1, 28, 28), List.of(32, 32, 64, 64), 10);
    }

    @Test
    void infersTheShapesOfTheSmallVgg() {
        Map<String, List<Integer>> shapes = smallVgg().shapes();
        assertEquals(List.of(32, 28, 28), shapes.get("conv1"));
        assertEquals(List.of(32, 14, 14), shapes.get("pool1"));
        assertEquals(List.of(64, 7, 7), shapes.get("pool2"));
        assertEquals(List.of(64 * 7 * 7), shapes.get("flatten"));
        assertEquals(List.of(10), shapes.get("fc"));
        assertEquals(10, smallVgg().classes());
    }

    @Test
    void buildsTheCifarArchitectures() {
        assertEquals(13, Architectures.vgg16Bn(1, 10).layersOf(Op.Conv2d.class).size());
        assertEquals(8, Architectures.vgg11Bn(1, 10).layersOf(Op.Conv2d.class).size());
        // 19 convs + 2 projection shortcuts; 55 + 2 for ResNet-56
        assertEquals(21, Architectures.resnet20(10).layersOf(Op.Conv2d.class).size());
        assertEquals(57, Architectures.resnet56(10).layersOf(Op.Conv2d.class).size());
        assertEquals(List.of(64, 8, 8), Architectures.resnet20(10).shapes().get("s3.b3.relu2"));
        assertEquals(List.of(32, 1, 1), Architectures.vgg16Bn(0.0625, 10).shapes().get("pool5"));
    }

    @Test
    void aLinearLayerOnAFeatureMapIsNamed() {
        Network bad = new Network("bad", List.of(1, 8, 8), List.of(Layer.of("c", new Op.Conv2d(4, 3, 1, 1, false),
                Network.INPUT), Layer.of("fc", new Op.Linear(10, true), "c")));
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, bad::shapes);
        assertEquals("fc", e.layerId());
        assertEquals("layer 'fc': linear needs a vector input (flatten first), got [4, 8, 8]", e.getMessage());
    }

    @Test
    void readingALaterOrUnknownLayerIsNamed() {
        Network bad = new Network("bad", List.of(1, 8, 8), List.of(Layer.of("a", new Op.Relu(), "b"),
                Layer.of("b", new Op.Relu(), Network.INPUT)));
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, bad::shapes);
        assertEquals("layer 'a': reads 'b', which is not the input or an earlier layer", e.getMessage());
    }

    @Test
    void anAdditionOfDifferentShapesIsNamed() {
        Network bad = new Network("bad", List.of(1, 8, 8), List.of(
                Layer.of("c1", new Op.Conv2d(4, 3, 1, 1, false), Network.INPUT),
                Layer.of("c2", new Op.Conv2d(8, 3, 1, 1, false), Network.INPUT),
                new Layer("sum", new Op.Add(), List.of("c1", "c2"))));
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, bad::shapes);
        assertEquals("sum", e.layerId());
    }

    @Test
    void jsonRoundTripKeepsEveryLayer() {
        for (Network network : List.of(smallVgg(), Architectures.resnet20(10), ConcatAndDepthwiseTest.concatDepthwise())) {
            assertEquals(network, NetworkJson.fromJson(NetworkJson.toJson(network)));
        }
        assertTrue(NetworkJson.toJson(smallVgg()).contains("\"type\": \"conv2d\""));
        // a network written before grouped convolutions has ordinary ones
        String old = NetworkJson.toJson(smallVgg()).replace("\"groups\": 1", "").replaceAll(",(\\s*)}", "$1}");
        assertFalse(old.contains("groups"));
        assertEquals(smallVgg(), NetworkJson.fromJson(old));
    }

    @Test
    void jsonWithABadLayerNamesIt() {
        String json = NetworkJson.toJson(smallVgg()).replaceFirst("\"filters\": 32", "\"filters\": 0");
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> NetworkJson.fromJson(json));
        assertEquals("layer 'conv1': filters must be positive, not 0", e.getMessage());
        String unknown = NetworkJson.toJson(smallVgg()).replaceFirst("\"relu\"", "\"gelu\"");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkJson.fromJson(unknown));
        assertTrue(e.getMessage().startsWith("layer 'relu1': unknown layer type 'gelu'"), e.getMessage());
    }

    /** Malformed descriptions once ended in NullPointerException, NumberFormatException or silent overflow. */
    @Test
    void malformedJsonIsRefusedSayingWhatIsWrong() {
        String valid = NetworkJson.toJson(smallVgg());
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"format\": 1}", "the network's 'name' must be a string");
        cases.put("{\"format\": \"one\"}", "network format \"one\" is not supported (this PruneLab reads 1)");
        cases.put("{\"format\": 1.5}", "network format 1.5 is not supported (this PruneLab reads 1)");
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, 8, 8]}", "'layers' must be a JSON array");
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, null, 8], \"layers\": []}",
                "every dimension of 'inputShape' must be a whole number, not null");
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, 8, 8], \"layers\": [3]}",
                "layer 0 must be a JSON object");
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, 8, 8], \"layers\": [{\"id\": [\"a\"]}]}",
                "a layer's 'id' must be a string");
        cases.put(valid.replaceFirst("\"inputs\": \\[\\s*\"input\"\\s*\\]", "\"inputs\": [null]"),
                "layer 'conv1': every entry of 'inputs' must be a string");
        cases.put(valid.replaceFirst("\"filters\": 32", "\"filters\": 1e30"),
                "layer 'conv1': 'filters' must be a whole number, not 1e30");
        cases.put(valid.replaceFirst("\"filters\": 32", "\"filters\": 3.7"),
                "layer 'conv1': 'filters' must be a whole number, not 3.7");
        // 50 000 × 50 000 pixels flattened: 2.5e9 values, which no int (and no Java array) holds
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, 50000, 50000], \"layers\": ["
                + "{\"id\": \"f\", \"type\": \"flatten\", \"inputs\": [\"input\"]}]}",
                "the input [1, 50000, 50000] would have more than 2147483639 values");
        cases.put("{\"format\": 1, \"name\": \"n\", \"inputShape\": [1, 8, 8], \"layers\": ["
                + "{\"id\": \"c\", \"type\": \"conv2d\", \"inputs\": [\"input\"], \"filters\": 4, \"kernel\": 3,"
                + " \"stride\": 1, \"padding\": 1500000000, \"bias\": false}]}",
                "layer 'c': its output would be 3000000006 positions wide");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> NetworkJson.fromJson(c.getKey()),
                    c.getKey());
            assertTrue(e.getMessage().startsWith(c.getValue()), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void nanSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Op.Dropout(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Op.BatchNorm2d(Double.NaN, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Op.BatchNorm2d(1e-5, Double.POSITIVE_INFINITY));
    }
}
