package org.prunelab.core.project;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.JsonDeserializer;

/**
 * Reads and writes {@link ProjectDescriptor}s as JSON; a file that cannot be read gets a message naming
 * what is wrong with it.
 */
public final class ProjectDescriptorFile {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (value, type,
                    context) -> new JsonPrimitive(value.toString()))
            .registerTypeAdapter(Instant.class, (JsonDeserializer<Instant>) (json, type, context) -> {
                try {
                    return Instant.parse(json.getAsString());
                } catch (DateTimeParseException | UnsupportedOperationException e) {
                    throw new JsonParseException("'created' is not an ISO-8601 instant: " + json);
                }
            }).create();

    private ProjectDescriptorFile() {
    }

    /**
     * Writes a descriptor as pretty-printed JSON.
     *
     * @param descriptor the descriptor
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public static void write(ProjectDescriptor descriptor, Writer out) throws IOException {
        GSON.toJson(descriptor, out);
        out.write('\n');
        out.flush();
    }

    /**
     * Reads a descriptor.
     *
     * @param in the JSON text; not closed
     * @return the descriptor
     * @throws IllegalArgumentException saying what is wrong if the text is not a valid descriptor
     */
    public static ProjectDescriptor read(Reader in) {
        JsonElement json;
        try {
            json = GSON.fromJson(in, JsonElement.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + rootMessage(e), e);
        }
        if (json == null || !json.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + (json == null ? "nothing" : json));
        }
        JsonObject object = json.getAsJsonObject();
        requireFields(object, "", "format", "name", "created");
        JsonElement dataset = object.get("dataset");
        if (dataset != null && !dataset.isJsonNull()) {
            if (!dataset.isJsonObject()) {
                throw new IllegalArgumentException("the field 'dataset' is not an object: " + dataset);
            }
            requireFields(dataset.getAsJsonObject(), "dataset.", "kind", "location", "normalization");
            JsonElement normalization = dataset.getAsJsonObject().get("normalization");
            if (!normalization.isJsonObject()) {
                throw new IllegalArgumentException("the field 'dataset.normalization' is not an object: " + normalization);
            }
            requireFields(normalization.getAsJsonObject(), "dataset.normalization.", "mean", "std");
        }
        try {
            return GSON.fromJson(object, ProjectDescriptor.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(rootMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson wraps exceptions of the record's constructor
            throw new IllegalArgumentException(rootMessage(e), e);
        }
    }

    /** Names a missing field by its path: Gson would leave it null and fail far from the file. */
    private static void requireFields(JsonObject object, String path, String... fields) {
        for (String field : fields) {
            if (!object.has(field) || object.get(field).isJsonNull()) {
                throw new IllegalArgumentException("the field '" + path + field + "' is missing");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
