package org.prunelab.runtime.network;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The JSON form of a {@link Network}: a layer is an object with its id, type, inputs and the fields of
 * its operation.
 */
public final class NetworkJson {

    /** Version of the format written. */
    public static final int FORMAT = 1;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private static final Map<String, Class<? extends Op>> TYPES = Map.ofEntries(Map.entry("conv2d", Op.Conv2d.class),
            Map.entry("batchnorm2d", Op.BatchNorm2d.class), Map.entry("relu", Op.Relu.class),
            Map.entry("relu6", Op.Relu6.class), Map.entry("leakyrelu", Op.LeakyRelu.class),
            Map.entry("silu", Op.Silu.class), Map.entry("sigmoid", Op.Sigmoid.class),
            Map.entry("maxpool2d", Op.MaxPool2d.class), Map.entry("avgpool2d", Op.AvgPool2d.class),
            Map.entry("globalavgpool", Op.GlobalAvgPool.class), Map.entry("flatten", Op.Flatten.class),
            Map.entry("linear", Op.Linear.class), Map.entry("add", Op.Add.class), Map.entry("concat", Op.Concat.class),
            Map.entry("dropout", Op.Dropout.class));

    private NetworkJson() {
    }

    /**
     * Writes a network as pretty-printed JSON.
     *
     * @param network the network
     * @return the JSON text
     */
    public static String toJson(Network network) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("name", network.name());
        root.add("inputShape", GSON.toJsonTree(network.inputShape()));
        JsonArray layers = new JsonArray();
        for (Layer layer : network.layers()) {
            JsonObject object = new JsonObject();
            object.addProperty("id", layer.id());
            object.addProperty("type", layer.op().type());
            object.add("inputs", GSON.toJsonTree(layer.inputs()));
            GSON.toJsonTree(layer.op()).getAsJsonObject().entrySet().forEach(e -> object.add(e.getKey(), e.getValue()));
            layers.add(object);
        }
        root.add("layers", layers);
        return GSON.toJson(root) + "\n";
    }

    /**
     * Reads a network and checks it.
     *
     * @param json the JSON text
     * @return the valid network
     * @throws InvalidNetworkException saying what is wrong, naming the layer where there is one
     */
    public static Network fromJson(String json) {
        JsonObject root = object(parse(json), "the network description", null);
        JsonElement format = root.get("format");
        Integer version = wholeNumber(format);
        if (version == null || version != FORMAT) {
            throw new InvalidNetworkException(null, "network format " + (format == null ? "(none)" : format)
                    + " is not supported (this PruneLab reads " + FORMAT + ")");
        }
        String name = string(root.get("name"), "the network's 'name'", null);
        List<Integer> input = new ArrayList<>();
        for (JsonElement d : array(root.get("inputShape"), "'inputShape'", null)) {
            input.add(integer(d, "every dimension of 'inputShape'", null));
        }
        List<Layer> layers = new ArrayList<>();
        JsonArray layerArray = array(root.get("layers"), "'layers'", null);
        for (int i = 0; i < layerArray.size(); i++) {
            layers.add(layer(object(layerArray.get(i), "layer " + i, null)));
        }
        Network network = new Network(name, input, layers);
        network.shapes();
        return network;
    }

    private static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new InvalidNetworkException(null, "not valid JSON: " + e.getMessage());
        }
    }

    private static Layer layer(JsonObject object) {
        String id = string(object.get("id"), "a layer's 'id'", null);
        String type = string(object.get("type"), "the 'type'", id);
        Class<? extends Op> opClass = TYPES.get(type);
        if (opClass == null) {
            throw new InvalidNetworkException(id, "unknown layer type '" + type + "'; known: " + TYPES.keySet());
        }
        List<String> inputs = new ArrayList<>();
        if (object.has("inputs")) {
            for (JsonElement input : array(object.get("inputs"), "'inputs'", id)) {
                inputs.add(string(input, "every entry of 'inputs'", id));
            }
        }
        JsonObject fields = object.deepCopy();
        fields.remove("id");
        fields.remove("type");
        fields.remove("inputs");
        if (opClass == Op.Conv2d.class && !fields.has("groups")) {
            // networks written before grouped convolutions have none: an ordinary convolution
            fields.addProperty("groups", 1);
        }
        // Gson would truncate 3.7 or 1e30 to some int without a word: whole numbers are checked here
        for (RecordComponent component : opClass.getRecordComponents()) {
            JsonElement value = fields.get(component.getName());
            if (value != null && component.getType() == int.class) {
                integer(value, "'" + component.getName() + "'", id);
            }
        }
        try {
            return new Layer(id, GSON.fromJson(fields, opClass), inputs);
        } catch (RuntimeException e) {
            // Gson wraps the record's own check (or its type mismatch) in its exceptions: report the innermost
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new InvalidNetworkException(id, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private static JsonObject object(JsonElement element, String what, String layerId) {
        if (element == null || !element.isJsonObject()) {
            throw new InvalidNetworkException(layerId, what + " must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static JsonArray array(JsonElement element, String what, String layerId) {
        if (element == null || !element.isJsonArray()) {
            throw new InvalidNetworkException(layerId, what + " must be a JSON array");
        }
        return element.getAsJsonArray();
    }

    private static String string(JsonElement element, String what, String layerId) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new InvalidNetworkException(layerId, what + " must be a string");
        }
        return element.getAsString();
    }

    private static int integer(JsonElement element, String what, String layerId) {
        Integer value = wholeNumber(element);
        if (value == null) {
            throw new InvalidNetworkException(layerId, what + " must be a whole number, not " + element);
        }
        return value;
    }

    /** The value of a JSON number that is a whole int, else null (also for numbers Gson cannot parse). */
    private static Integer wholeNumber(JsonElement element) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return element.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
