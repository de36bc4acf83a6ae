package org.prunelab.core.analyses;

import java.util.List;
import java.util.function.Supplier;

import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;

/**
 * What an analysis runs on: one or two versions of one model, loaded, and the project's test set (and its
 * training set, read when first asked for: most analyses do not need it).
 *
 * @param versions the versions, in the order the analysis declares (for two: the baseline first)
 * @param models their networks and weights, in the same order; owned by the caller
 * @param test the test set
 * @param training reads the training set
 * @param normalization applied to the images
 * @param batchSize images per batch
 */
public record AnalysisContext(List<ModelVersion> versions, List<NetworkModel> models, Dataset test,
        Supplier<Dataset> training, Normalization normalization, int batchSize) {

    /** Checks the lists. */
    public AnalysisContext {
        versions = List.copyOf(versions);
        models = List.copyOf(models);
        if (versions.isEmpty() || versions.size() != models.size()) {
            throw new IllegalArgumentException(versions.size() + " versions and " + models.size() + " models");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, not " + batchSize);
        }
    }

    /**
     * The project's training set, for analyses that measure on training images (as pruning does).
     *
     * @return the training set
     */
    public Dataset train() {
        return training.get();
    }

    /**
     * The test set's class names.
     *
     * @return one name per class
     */
    public List<String> classNames() {
        return test.classNames();
    }
}
