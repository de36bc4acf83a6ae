package org.prunelab.runtime.model;

import java.nio.file.Path;

/**
 * A model file that cannot be loaded: the message names the file and the problem.
 */
public class ModelFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the offending file
     * @param problem what is wrong with it
     */
    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * The offending file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }
}
