package org.prunelab.core.contributions;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

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
        if (!overrides.isJsonObject()) {
            throw new IllegalArgumentException("settings of " + owner + " are a JSON object such as "
                    + GSON.toJson(defaults) + ", not " + overrides);
        }
        // an unknown key is a typo or a setting of another contribution: silently planning with the default
        // instead would give a result the user did not ask for
        List<String> known = Arrays.stream(defaults.getClass().getRecordComponents()).map(RecordComponent::getName)
                .toList();
        for (String key : overrides.getAsJsonObject().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("settings of " + owner + " have no '" + key + "'; "
                        + (known.isEmpty() ? "it takes no settings" : "its settings are " + String.join(", ", known)));
            }
        }
        try {
            JsonObject merged = GSON.toJsonTree(defaults).getAsJsonObject();
            overrides.getAsJsonObject().entrySet().forEach(e -> merged.add(e.getKey(), e.getValue()));
            S chosen = (S) GSON.fromJson(merged, defaults.getClass());
            checkNumbersKept(overrides, GSON.toJsonTree(chosen), owner, "");
            return chosen;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("settings of " + owner + " do not parse: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson wraps what the settings record's constructor refuses; that refusal is the message
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new IllegalArgumentException("settings of " + owner + ": " + refused.getMessage(), refused);
            }
            throw e;
        }
    }

    /**
     * Settings as JSON.
     *
     * @param settings a settings record
     * @return its JSON object
     */
    /**
     * Refuses numbers that did not survive parsing as given: Gson reads 1.5 into a whole-number setting as 1,
     * which would plan with a value the user did not write.
     */
    private static void checkNumbersKept(JsonElement given, JsonElement parsed, String owner, String path) {
        if (given.isJsonObject() && parsed != null && parsed.isJsonObject()) {
            given.getAsJsonObject().entrySet().forEach(e -> checkNumbersKept(e.getValue(),
                    parsed.getAsJsonObject().get(e.getKey()), owner, path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (given.isJsonArray() && parsed != null && parsed.isJsonArray()
                && given.getAsJsonArray().size() == parsed.getAsJsonArray().size()) {
            for (int i = 0; i < given.getAsJsonArray().size(); i++) {
                checkNumbersKept(given.getAsJsonArray().get(i), parsed.getAsJsonArray().get(i), owner, path + "[" + i + "]");
            }
        } else if (given.isJsonPrimitive() && given.getAsJsonPrimitive().isNumber()
                && !(parsed != null && parsed.isJsonPrimitive() && parsed.getAsJsonPrimitive().isNumber()
                        && parsed.getAsDouble() == given.getAsDouble())) {
            boolean number = parsed != null && parsed.isJsonPrimitive() && parsed.getAsJsonPrimitive().isNumber();
            throw new IllegalArgumentException("settings of " + owner + ": '" + path + "' cannot be " + given
                    + (number ? " (it would be read as " + parsed + "); it takes a whole number" : "; it is not a number"));
        }
    }

    public static JsonElement toJson(Record settings) {
        return GSON.toJsonTree(settings);
    }
}
