package org.prunelab.core.contributions;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Settings in the words of their {@link Setting} annotations: labels, units, and fractions as percentages,
 * so that a recipe's {@code {"keep":0.4}} reads "FLOPs kept: 40 %".
 */
public final class SettingWords {

    private SettingWords() {
    }

    /**
     * A component's label.
     *
     * @param component a settings record's component
     * @return its annotated label, else its name in words
     */
    public static String label(RecordComponent component) {
        Setting setting = component.getAnnotation(Setting.class);
        return setting != null ? setting.label() : words(component.getName());
    }

    /**
     * A component's unit.
     *
     * @param component a settings record's component
     * @return e.g. "images", or ""
     */
    public static String unit(RecordComponent component) {
        Setting setting = component.getAnnotation(Setting.class);
        return setting == null ? "" : setting.unit();
    }

    /**
     * A component's help.
     *
     * @param component a settings record's component
     * @return a sentence, or ""
     */
    public static String help(RecordComponent component) {
        Setting setting = component.getAnnotation(Setting.class);
        return setting == null ? "" : setting.help();
    }

    /**
     * Whether a component is a fraction shown as a percentage.
     *
     * @param component a settings record's component
     * @return true if its annotation says so
     */
    public static boolean percent(RecordComponent component) {
        Setting setting = component.getAnnotation(Setting.class);
        return setting != null && setting.percent();
    }

    /**
     * A stored value as people type it: a percentage for a fraction (0.4 is "40"), else as stored.
     *
     * @param component the component
     * @param value its JSON value, or null
     * @return the text, "" for null
     */
    public static String text(RecordComponent component, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (percent(component) && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            // BigDecimal: 0.07 shows as 7, not 7.000000000000001
            return new BigDecimal(value.getAsString()).movePointRight(2).stripTrailingZeros().toPlainString();
        }
        return value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    /**
     * Settings in a line, e.g. "FLOPs kept: 40 %".
     *
     * @param type the settings record type, whose annotations name the components
     * @param values the stored values (a recipe's), or null
     * @return the values given, labelled, in the record's order; components the record lacks by their JSON
     *         name; "" for none
     */
    public static String describe(Class<? extends Record> type, JsonObject values) {
        if (values == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            known.add(component.getName());
            JsonElement value = values.get(component.getName());
            if (value != null) {
                parts.add(label(component) + ": " + withUnit(text(component, value), component));
            }
        }
        for (Map.Entry<String, JsonElement> entry : values.entrySet()) {
            if (!known.contains(entry.getKey())) {
                parts.add(words(entry.getKey()) + ": " + entry.getValue());
            }
        }
        return String.join(", ", parts);
    }

    private static String withUnit(String text, RecordComponent component) {
        String unit = unit(component);
        if (unit.isEmpty()) {
            return text;
        }
        // "40 %", "40 % of the FLOPs", "4000 images"
        return text + " " + unit;
    }

    /**
     * A Java name in words.
     *
     * @param camelCase e.g. "maxDrop"
     * @return "max drop"
     */
    public static String words(String camelCase) {
        StringBuilder text = new StringBuilder();
        for (char c : camelCase.toCharArray()) {
            if (Character.isUpperCase(c) && !text.isEmpty()) {
                text.append(' ').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
