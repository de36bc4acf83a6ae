package org.prunelab.runtime.network;

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

    private static final Map<String, Class<? extends Op>> TYPES = Map.of("conv2d", Op.Conv2d.class, "batchnorm2d",
            Op.BatchNorm2d.class, "relu", Op.Relu.class, "maxpool2d", Op.MaxPool2d.class, "avgpool2d",
            Op.AvgPool2d.class, "globalavgpool", Op.GlobalAvgPool.class, "flatten", Op.Flatten.class, "linear",
            Op.Linear.class, "add", Op.Add.class, "dropout", Op.Dropout.class);

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
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw new InvalidNetworkException(null, "expected a JSON object");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidNetworkException(null, "not valid JSON: " + e.getMessage());
        }
        int format = root.has("format") ? root.get("format").getAsInt() : -1;
        if (format != FORMAT) {
            throw new InvalidNetworkException(null, "network format " + format + " is not supported (this PruneLab reads "
                    + FORMAT + ")");
        }
        List<Layer> layers = new ArrayList<>();
        try {
            for (JsonElement element : root.getAsJsonArray("layers")) {
                layers.add(layer(element.getAsJsonObject()));
            }
            List<Integer> input = new ArrayList<>();
            root.getAsJsonArray("inputShape").forEach(d -> input.add(d.getAsInt()));
            Network network = new Network(root.get("name").getAsString(), input, layers);
            network.shapes();
            return network;
        } catch (InvalidNetworkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidNetworkException(null, "malformed network description: " + e);
        }
    }

    private static Layer layer(JsonObject object) {
        String id = object.has("id") ? object.get("id").getAsString() : null;
        String type = object.has("type") ? object.get("type").getAsString() : null;
        Class<? extends Op> opClass = TYPES.get(type);
        if (opClass == null) {
            throw new InvalidNetworkException(id, "unknown layer type '" + type + "'; known: " + TYPES.keySet());
        }
        List<String> inputs = new ArrayList<>();
        if (object.has("inputs")) {
            object.getAsJsonArray("inputs").forEach(i -> inputs.add(i.getAsString()));
        }
        JsonObject fields = object.deepCopy();
        fields.remove("id");
        fields.remove("type");
        fields.remove("inputs");
        try {
            return new Layer(id, GSON.fromJson(fields, opClass), inputs);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new InvalidNetworkException(id, cause.getMessage());
        }
    }
}
