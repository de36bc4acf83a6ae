package org.prunelab.core.contributions;

/**
 * Contributed code failed or broke its contract; the message names the contribution and its plug-in.
 */
public class ContributionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the contribution and its plug-in
     * @param cause the contribution's own exception, or null
     */
    public ContributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
