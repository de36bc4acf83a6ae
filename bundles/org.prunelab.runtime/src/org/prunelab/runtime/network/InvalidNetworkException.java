package org.prunelab.runtime.network;

/**
 * A network that cannot be run: the message names the offending layer and what is wrong with it.
 */
public class InvalidNetworkException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String layerId;

    /**
     * Creates the exception.
     *
     * @param layerId the offending layer, or null if the problem is the network as a whole
     * @param problem what is wrong
     */
    public InvalidNetworkException(String layerId, String problem) {
        super(layerId == null ? problem : "layer '" + layerId + "': " + problem);
        this.layerId = layerId;
    }

    /**
     * The offending layer.
     *
     * @return its id, or null if the problem is not one layer's
     */
    public String layerId() {
        return layerId;
    }
}
