package org.prunelab.core.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.Prediction;

import ai.djl.ndarray.NDManager;

/**
 * What a version predicts for every sample of its project's test set, with the test set itself (for the
 * images).
 *
 * @param version the version
 * @param test the project's test set
 * @param predictions one per test sample, in dataset order
 */
public record VersionPredictions(ModelVersion version, Dataset test, List<Prediction> predictions) {

    /** Copies the list. */
    public VersionPredictions {
        predictions = List.copyOf(predictions);
    }

    /**
     * Reads a project's test set.
     *
     * @param projectDir the project's folder
     * @return the test set
     * @throws IOException if the project's descriptor cannot be read
     * @throws IllegalArgumentException saying so if the project has no dataset
     * @throws org.prunelab.runtime.data.DatasetException naming the file if the test set cannot be read
     */
    public static Dataset testSet(Path projectDir) throws IOException {
        return ProjectFolder.open(projectDir).dataset().test(projectDir);
    }

    /**
     * Runs a version on its project's test set.
     *
     * @param version the version
     * @param test the project's test set (see {@link #testSet})
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the predictions
     * @throws IOException if the project cannot be read
     * @throws org.prunelab.runtime.model.ModelFileException naming the file if the version cannot be loaded
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static VersionPredictions compute(ModelVersion version, Dataset test, ModelRuntime runtime,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Predicting " + test.name() + " with " + version.model() + "/"
                + version.id(), 10);
        Path projectDir = version.projectDirectory();
        DatasetSpec data = ProjectFolder.open(projectDir).dataset();
        try (NDManager manager = runtime.newManager();
                NetworkModel model = new VersionStore(projectDir).load(version, manager)) {
            sub.split(1);
            List<Prediction> predictions = ModelTraining.evaluate(model, test, data.normalization(),
                    PruningService.BATCH_SIZE, sub.split(9)).predictions();
            return new VersionPredictions(version, test, predictions);
        }
    }
}
