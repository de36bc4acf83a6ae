package org.prunelab.runtime.corruption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The corruptions known to the runtime: the built-in ones and any a lab adds. Thread-safe.
 */
public final class ImageCorruptions {

    private final Map<String, ImageCorruption> byId = new LinkedHashMap<>();

    /**
     * The built-in corruptions, MNIST-C's and ImageNet-C's common kinds.
     *
     * @return a registry holding them
     */
    public static ImageCorruptions builtIn() {
        ImageCorruptions all = new ImageCorruptions();
        for (ImageCorruption c : BuiltInCorruptions.all()) {
            all.add(c);
        }
        return all;
    }

    /**
     * Adds a corruption.
     *
     * @param corruption the corruption
     * @throws IllegalArgumentException if its id is taken
     */
    public synchronized void add(ImageCorruption corruption) {
        if (byId.putIfAbsent(corruption.id(), corruption) != null) {
            throw new IllegalArgumentException("a corruption with id '" + corruption.id() + "' is already installed");
        }
    }

    /**
     * Every corruption, in the order added.
     *
     * @return the corruptions
     */
    public synchronized List<ImageCorruption> all() {
        return new ArrayList<>(byId.values());
    }

    /**
     * A corruption by id.
     *
     * @param id its id
     * @return it, or empty
     */
    public synchronized Optional<ImageCorruption> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * A corruption by id, checked with its severity.
     *
     * @param id its id
     * @param severity the severity asked for
     * @return the corruption
     * @throws IllegalArgumentException listing the valid ids or severities if either is wrong
     */
    public synchronized ImageCorruption require(String id, int severity) {
        ImageCorruption corruption = byId.get(id);
        if (corruption == null) {
            throw new IllegalArgumentException("unknown corruption '" + id + "'; the installed ones are "
                    + byId.keySet().stream().collect(Collectors.joining(", ")));
        }
        checkSeverity(severity);
        return corruption;
    }

    /**
     * Checks a severity.
     *
     * @param severity the severity
     * @throws IllegalArgumentException if it is outside 1–5
     */
    public static void checkSeverity(int severity) {
        if (severity < ImageCorruption.MIN_SEVERITY || severity > ImageCorruption.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity " + severity + " is outside " + ImageCorruption.MIN_SEVERITY
                    + "–" + ImageCorruption.MAX_SEVERITY + " (1 mild, 5 strong)");
        }
    }
}
