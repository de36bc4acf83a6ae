package org.prunelab.ui.internal.wizards;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.prunelab.core.contributions.SettingWords;
import org.prunelab.core.contributions.SettingsJson;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A form generated from a contribution's settings record: one field per component, filled with its
 * default. Numbers and text are typed, booleans ticked, enums chosen; anything else (a map, a list) is
 * edited as JSON. The values come back as the JSON object a recipe stores, which the registries merge
 * over the defaults, so a plug-in's settings get a form without any UI code of its own.
 */
final class SettingsForm {

    /** A label, the value, its unit. */
    private static final int COLUMNS = 3;

    private final Composite body;
    private final Runnable changed;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** One component's control and how its text becomes JSON. */
    private record Field(RecordComponent component, Control control) {
    }

    /**
     * Creates an empty form.
     *
     * @param parent where it goes
     * @param changed runs whenever a value changes
     */
    SettingsForm(Composite parent, Runnable changed) {
        this.changed = changed;
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(COLUMNS).applyTo(body);
    }

    /**
     * The form's composite.
     *
     * @return it
     */
    Composite control() {
        return body;
    }

    /**
     * Shows the fields of a settings record, filled with its values.
     *
     * @param defaults the settings to start from
     */
    void show(Record defaults) {
        for (Control child : body.getChildren()) {
            child.dispose();
        }
        fields.clear();
        JsonObject values = SettingsJson.toJson(defaults).getAsJsonObject();
        RecordComponent[] components = defaults.getClass().getRecordComponents();
        if (components.length == 0) {
            Label empty = new Label(body, SWT.NONE);
            empty.setText("No settings.");
            GridDataFactory.fillDefaults().span(COLUMNS, 1).applyTo(empty);
        }
        for (RecordComponent component : components) {
            Class<?> type = component.getType();
            JsonElement value = values.get(component.getName());
            String label = SettingWords.label(component);
            Control control;
            if (type == boolean.class || type == Boolean.class) {
                new Label(body, SWT.NONE);
                Button check = new Button(body, SWT.CHECK);
                check.setText(label);
                check.setSelection(value != null && value.getAsBoolean());
                check.addListener(SWT.Selection, e -> changed.run());
                control = check;
            } else if (type.isEnum()) {
                new Label(body, SWT.NONE).setText(label + ":");
                Combo combo = new Combo(body, SWT.READ_ONLY);
                for (Object constant : type.getEnumConstants()) {
                    combo.add(((Enum<?>) constant).name());
                }
                combo.setText(value == null ? combo.getItem(0) : value.getAsString());
                combo.addListener(SWT.Selection, e -> changed.run());
                control = combo;
            } else {
                new Label(body, SWT.NONE).setText(label + ":");
                Text text = new Text(body, SWT.BORDER);
                text.setText(SettingWords.text(component, value));
                text.addListener(SWT.Modify, e -> changed.run());
                control = text;
            }
            String help = SettingWords.help(component);
            control.setToolTipText(help.isEmpty() ? kind(component) : help + " (" + kind(component) + ")");
            GridDataFactory.fillDefaults().grab(true, false).hint(120, SWT.DEFAULT).applyTo(control);
            Label unit = new Label(body, SWT.NONE);
            unit.setText(SettingWords.unit(component));
            fields.put(component.getName(), new Field(component, control));
        }
        body.getParent().layout(true, true);
    }

    /**
     * What is wrong with the values typed.
     *
     * @return a message naming the field, or empty if every value parses
     */
    Optional<String> problem() {
        for (Field field : fields.values()) {
            try {
                value(field);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The values as JSON.
     *
     * @return one property per field
     * @throws IllegalArgumentException if a value does not parse (see {@link #problem()})
     */
    JsonObject json() {
        JsonObject json = new JsonObject();
        for (Map.Entry<String, Field> entry : fields.entrySet()) {
            json.add(entry.getKey(), value(entry.getValue()));
        }
        return json;
    }

    /**
     * The fields as shown.
     *
     * @return a line per field: its label, value and unit, e.g. "Share removed: 50 % of each layer's channels"
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Field field : fields.values()) {
            String value = field.control() instanceof Button check ? Boolean.toString(check.getSelection())
                    : field.control() instanceof Combo combo ? combo.getText() : ((Text) field.control()).getText();
            String unit = SettingWords.unit(field.component());
            lines.add(SettingWords.label(field.component()) + ": " + value + (unit.isEmpty() ? "" : " " + unit));
        }
        return lines;
    }

    /**
     * Sets a field, as if typed.
     *
     * @param name the component's name, e.g. "ratio"
     * @param value its new text ("true"/"false" for a check box)
     * @throws IllegalArgumentException if there is no such field
     */
    void set(String name, String value) {
        Field field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException("no setting '" + name + "'; settings: " + fields.keySet());
        }
        if (field.control() instanceof Button check) {
            check.setSelection(Boolean.parseBoolean(value));
            changed.run();
        } else if (field.control() instanceof Combo combo) {
            combo.setText(value);
            changed.run();
        } else {
            ((Text) field.control()).setText(value);
        }
    }

    private static JsonElement value(Field field) {
        RecordComponent component = field.component();
        String name = SettingWords.label(component);
        Class<?> type = component.getType();
        if (field.control() instanceof Button check) {
            return new JsonPrimitive(check.getSelection());
        }
        if (field.control() instanceof Combo combo) {
            return new JsonPrimitive(combo.getText());
        }
        String text = ((Text) field.control()).getText().strip();
        try {
            if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
                BigDecimal value = new BigDecimal(text);
                // a percentage typed is stored as the fraction the settings hold
                return new JsonPrimitive((SettingWords.percent(component) ? value.movePointLeft(2) : value).doubleValue());
            }
            if (type == int.class || type == long.class || type == short.class || type == Integer.class
                    || type == Long.class || type == Short.class) {
                return new JsonPrimitive(Long.parseLong(text));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be " + kind(component) + ", not '" + text + "'.");
        }
        if (type == String.class) {
            return new JsonPrimitive(text);
        }
        try {
            return JsonParser.parseString(text.isEmpty() ? "null" : text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be JSON (" + kind(component) + "): "
                    + e.getMessage());
        }
    }

    private static String kind(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return SettingWords.percent(component) ? "a percentage, e.g. 50" : "a number, e.g. 0.5";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum() || type == boolean.class || type == Boolean.class) {
            return "a choice";
        }
        return "a JSON value of type " + type.getSimpleName();
    }
}
