package org.prunelab.runtime;

/**
 * Thrown when libtorch cannot be started: the message says what was tried and where.
 */
public class RuntimeUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the native cache directory
     * @param cause the engine's own error
     */
    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
