package org.prunelab.core.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.google.gson.GsonBuilder;

/**
 * How a command's result is printed, once the work is done: as JSON for scripts, or as one line of
 * {@code key=value} pairs per row for people. Neither may fail on what a result can hold: NaN and infinite
 * figures (a diverged fine-tune's loss) are written to JSON as null with a reason beside them, since JSON
 * has no NaN, and arrays are printed as their values.
 */
final class CommandOutput {

    /** The key beside a null that says why it is null: {@code "loss": null, "lossReason": "..."}. */
    static final String REASON_SUFFIX = "Reason";

    private CommandOutput() {
    }

    /**
     * A result as JSON.
     *
     * @param result maps, lists, arrays, numbers and strings
     * @return pretty-printed JSON
     */
    static String json(Object result) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(finite(result));
    }

    /**
     * A result as lines for a terminal.
     *
     * @param result a list of rows, or one row
     * @return one line per row
     */
    static String lines(Object result) {
        if (result instanceof List<?> rows) {
            return rows.stream().map(CommandOutput::line).collect(Collectors.joining(System.lineSeparator()));
        }
        return line(result);
    }

    private static String line(Object row) {
        if (!(row instanceof Map<?, ?> map)) {
            return text(row);
        }
        StringBuilder line = new StringBuilder();
        map.forEach((k, v) -> {
            if (v != null) {
                line.append(line.isEmpty() ? "" : "  ").append(k).append('=').append(text(v));
            }
        });
        return line.toString();
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof double[] numbers) {
            return IntStream.range(0, numbers.length).mapToObj(i -> text(numbers[i]))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof int[] numbers) {
            return Arrays.toString(numbers);
        }
        if (value instanceof long[] numbers) {
            return Arrays.toString(numbers);
        }
        if (value instanceof Object[] items) {
            return Arrays.stream(items).map(CommandOutput::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof int[][] rows) {
            return Arrays.stream(rows).map(CommandOutput::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof List<?> items) {
            return items.stream().map(CommandOutput::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /** The value with non-finite numbers made null; a map gets a reason beside each key it nulled. */
    private static Object finite(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                copy.put(key, finite(v));
                String reason = nonFinite(v);
                if (reason != null) {
                    copy.put(key + REASON_SUFFIX, reason);
                }
            });
            return copy;
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(finite(item)));
            return copy;
        }
        if (value instanceof double[] numbers) {
            List<Double> copy = new ArrayList<>();
            for (double d : numbers) {
                copy.add(Double.isFinite(d) ? d : null);
            }
            return copy;
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return value;
    }

    /** Why a value had to be nulled in part or whole, or null if it is finite throughout. */
    private static String nonFinite(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return describe(d);
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return describe(f);
        }
        if (value instanceof double[] numbers) {
            long bad = Arrays.stream(numbers).filter(d -> !Double.isFinite(d)).count();
            return bad == 0 ? null
                    : bad + " of " + numbers.length + " values are not finite numbers (NaN or infinite): written as null";
        }
        return null;
    }

    private static String describe(double d) {
        return (Double.isNaN(d) ? "NaN" : d > 0 ? "+Infinity" : "-Infinity")
                + ": not a finite number (the computation diverged or its input holds NaN)";
    }
}
