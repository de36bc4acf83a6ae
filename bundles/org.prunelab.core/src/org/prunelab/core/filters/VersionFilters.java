package org.prunelab.core.filters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.network.Network;

/**
 * The class activations of every convolution of a version, read once per version.
 *
 * @param version the version
 * @param network its network
 * @param classNames the dataset's classes
 * @param layers convolution id to its class activations, in network order
 * @param samples how many test images the activations average
 */
public record VersionFilters(ModelVersion version, Network network, List<String> classNames,
        Map<String, ClassActivations> layers, int samples) {

    /** Copies the collections. */
    public VersionFilters {
        classNames = List.copyOf(classNames);
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }
}
