package org.prunelab.core.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;

/**
 * Computes what a version predicts on its project's test set (from which {@link CellSamples} picks a
 * confusion-matrix cell's samples), keeping the last few versions' predictions and each project's test set so that
 * clicking through the cells does not run the network again. Safe to call from several jobs.
 */
public final class PerformanceProvider {

    private final ModelRuntime runtime;
    /** Per project folder: its test set, read once (a dataset is read by one thread at a time). */
    private final Map<Path, Dataset> testSets = new LinkedHashMap<>();
    /** Per version folder: its predictions, the least recently used dropped first. */
    private final Map<Path, VersionPredictions> predictions;

    /**
     * Creates a provider.
     *
     * @param runtime the model runtime the versions run in
     * @param cachedVersions how many versions' predictions are kept
     */
    public PerformanceProvider(ModelRuntime runtime, int cachedVersions) {
        this.runtime = runtime;
        this.predictions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, VersionPredictions> eldest) {
                return size() > cachedVersions;
            }
        };
    }

    /**
     * A version's predictions if they are already known; no I/O.
     *
     * @param version the version
     * @return its predictions, or empty
     */
    public Optional<VersionPredictions> known(ModelVersion version) {
        synchronized (predictions) {
            return Optional.ofNullable(predictions.get(version.directory()));
        }
    }

    /**
     * A version's predictions on its project's test set, computed unless known.
     *
     * @param version the version
     * @param monitor progress and cancellation
     * @return the predictions
     * @throws IOException if the project cannot be read, or, saying how to fetch it, if it has no dataset or
     *             its images are missing
     * @throws org.prunelab.runtime.model.ModelFileException naming the file if the version cannot be loaded
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public VersionPredictions predictions(ModelVersion version, IProgressMonitor monitor) throws IOException {
        Optional<VersionPredictions> known = known(version);
        if (known.isPresent()) {
            return known.get();
        }
        SubMonitor sub = SubMonitor.convert(monitor, 10);
        Dataset test = testSet(version.projectDirectory());
        sub.split(2);
        VersionPredictions computed;
        synchronized (test) {
            computed = VersionPredictions.compute(version, test, runtime, sub.split(8));
        }
        synchronized (predictions) {
            predictions.put(version.directory(), computed);
        }
        return computed;
    }

    private Dataset testSet(Path projectDir) throws IOException {
        synchronized (testSets) {
            Dataset test = testSets.get(projectDir);
            if (test != null) {
                return test;
            }
        }
        Dataset test;
        try {
            test = VersionPredictions.testSet(projectDir);
        } catch (IllegalArgumentException e) {
            // no dataset, or its files are missing (a DatasetException): the demo does not ship its images
            throw new IOException(e.getMessage() + "\n\nFetch the project's dataset to see them (for the demo"
                    + " project: demo/make-demo.sh --data).", e);
        }
        synchronized (testSets) {
            return testSets.computeIfAbsent(projectDir, dir -> test);
        }
    }
}
