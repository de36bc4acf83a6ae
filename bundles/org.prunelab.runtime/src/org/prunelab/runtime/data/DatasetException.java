package org.prunelab.runtime.data;

import java.nio.file.Path;

/**
 * A dataset file or folder that cannot be read: the message names it and says what is wrong.
 */
public class DatasetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source the offending file or folder
     * @param problem what is wrong with it
     */
    public DatasetException(Path source, String problem) {
        super(source + ": " + problem);
    }
}
