package org.prunelab.core.contributions;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

/**
 * Settings records as JSON, as recipes save them: fields given override the defaults, missing ones keep
 * them.
 */
public final class SettingsJson {

    private static final Gson GSON = new Gson();

    private SettingsJson() {
    }

    /**
     * Applies JSON overrides to default settings.
     *
     * @param <S> the settings record type
     * @param defaults the contribution's default settings
     * @param overrides a JSON object of fields to change, or null
     * @param owner names the contribution in messages, e.g. "metric org.prunelab.metrics.cpd"
     * @return the settings
     * @throws IllegalArgumentException if the overrides do not parse into the settings type
     */
    @SuppressWarnings("unchecked")
    public static <S extends Record> S merge(S defaults, JsonElement overrides, String owner) {
        if (overrides == null || overrides.isJsonNull()) {
            return defaults;
        }
        try {
            JsonObject merged = GSON.toJsonTree(defaults).getAsJsonObject();
            overrides.getAsJsonObject().entrySet().forEach(e -> merged.add(e.getKey(), e.getValue()));
            return (S) GSON.fromJson(merged, defaults.getClass());
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("settings of " + owner + " do not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Settings as JSON.
     *
     * @param settings a settings record
     * @return its JSON object
     */
    public static JsonElement toJson(Record settings) {
        return GSON.toJsonTree(settings);
    }
}
