package org.prunelab.runtime.surgery;

import java.util.List;

/**
 * Channels that must be pruned together: the output channels of one or more convolutions that meet in
 * residual additions, with the batch norms that scale them, the depthwise convolutions that filter them
 * one by one, and the layers that read them (where a concatenation comes between, a slice of their input).
 *
 * @param id the group's name: the id of its first producer
 * @param channels how many channels the group has
 * @param producers the convolutions whose filters are these channels
 * @param normalizations the batch norms over these channels (or over a concatenation holding them)
 * @param depthwise the depthwise convolutions that filter these channels, one filter per channel
 * @param consumers the convolutions and linear layers (after flatten) that read these channels
 * @param prunable false for channels that cannot be removed: the network's input, or channels that are
 *            not all produced by convolutions, or are read by a grouped convolution that is not depthwise
 */
public record ChannelGroup(String id, int channels, List<String> producers, List<String> normalizations,
        List<String> depthwise, List<String> consumers, boolean prunable) {

    /** Copies the lists. */
    public ChannelGroup {
        producers = List.copyOf(producers);
        normalizations = List.copyOf(normalizations);
        depthwise = List.copyOf(depthwise);
        consumers = List.copyOf(consumers);
    }
}
