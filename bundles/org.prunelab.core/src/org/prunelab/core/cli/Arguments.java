package org.prunelab.core.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positional values and {@code --name value} options; {@code --json} is a flag.
 */
final class Arguments {

    /** Options without a value; --json applies to every command, the others to theirs. */
    private static final Set<String> FLAGS = Set.of("json", "fetch");

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Arguments(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (FLAGS.contains(name)) {
                    options.put(name, "true");
                    if (name.equals("json")) {
                        used.add(name);
                    }
                } else if (i + 1 < args.size()) {
                    options.put(name, args.get(++i));
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            } else {
                positional.add(arg);
            }
        }
    }

    String positional(int index, String what) {
        if (index >= positional.size()) {
            throw new UsageException("missing " + what);
        }
        return positional.get(index);
    }

    List<String> positionals() {
        return positional;
    }

    String option(String name, String fallback) {
        used.add(name);
        return options.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = option(name, null);
        if (value == null) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    /**
     * A whole-number option within a range.
     *
     * @param name the option's name, without dashes
     * @param fallback its value when not given
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return its value
     * @throws UsageException if it is not a whole number in the range
     */
    int integer(String name, int fallback, int min, int max) {
        String value = option(name, null);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException("--" + name + " is " + range(min, max) + ", not " + parsed);
        }
        return parsed;
    }

    /**
     * A number option within a range, excluding its lower end: learning rates and shares are positive.
     *
     * @param name the option's name, without dashes
     * @param fallback its value when not given
     * @param above the value it must exceed
     * @param max the largest value allowed
     * @return its value
     * @throws UsageException if it is not a finite number in the range
     */
    double number(String name, double fallback, double above, double max) {
        String value = option(name, null);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a number, not '" + value + "'");
        }
        if (!(parsed > above && parsed <= max)) {
            throw new UsageException("--" + name + " is a number above " + above + " and at most " + max + ", not " + value);
        }
        return parsed;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
    }

    boolean flag(String name) {
        used.add(name);
        return options.containsKey(name);
    }

    /** Refuses options the command did not read: a typo must not be ignored silently. */
    void checkAllUsed() {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}
