package org.prunelab.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.Services;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * A small PruneLab project for tests, in a temporary folder imported into the test workspace: the
 * committed Fashion-MNIST subset (1 500 training, 500 test images) as its dataset, and one model,
 * {@value #MODEL}, a small VGG of widths 4-4-8-8 trained for one epoch as its version "base" (a few
 * seconds). {@link #close()} removes the project from the workspace and its folder from the disk.
 */
final class TinyProject implements AutoCloseable {

    /** The model's id. */
    static final String MODEL = "tiny";

    /** The widths of its four convolutions. */
    static final List<Integer> WIDTHS = List.of(4, 4, 8, 8);

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Path folder;
    private final IProject project;
    private final ModelVersion base;

    private TinyProject(Path folder, IProject project, ModelVersion base) {
        this.folder = folder;
        this.project = project;
        this.base = base;
    }

    /**
     * Creates, trains and imports a project.
     *
     * @param prefix the start of the project's name; a number makes it unique in the workspace
     * @return the project
     * @throws Exception if it cannot be made
     */
    static TinyProject create(String prefix) throws Exception {
        String name = prefix + "-" + COUNT.incrementAndGet();
        Path folder = Files.createTempDirectory(name);
        ProjectFolder project = ProjectFolder.create(folder, name, "a tiny network on the Fashion-MNIST subset");
        DatasetSpec data = new DatasetSpec("fashion-mnist", subset().toString(), Normalization.FASHION_MNIST);
        project.update(d -> d.withDataset(data).withModel(MODEL));
        ModelVersion base;
        try (NDManager manager = runtime().newManager()) {
            base = PruningService.trainRoot(new VersionStore(folder), MODEL, network(WIDTHS), "small-vgg:4,4,8,8", data,
                    TrainingSettings.adam(1, 1e-3, 128, 1), manager, null);
        }
        return new TinyProject(folder, PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), folder, null),
                base);
    }

    /**
     * The committed Fashion-MNIST subset.
     *
     * @return its folder
     */
    static Path subset() {
        return Path.of(System.getProperty("prunelab.fashionSubset")).toAbsolutePath().normalize();
    }

    /**
     * The small VGG of the model with other widths, as a plan that keeps that many filters leaves it.
     *
     * @param widths the four convolutions' widths
     * @return the network
     */
    static Network network(List<Integer> widths) {
        return Architectures.smallVgg(MODEL, List.of(1, 28, 28), widths, 10);
    }

    /**
     * Adds a child of a version pruned by the L1 norm of weights, every layer by the same ratio, without
     * fine-tuning (a second or so: the metric needs no probe pass), and refreshes the project.
     *
     * @param parent the version to prune
     * @param ratio the share of each layer's filters removed
     * @return the child
     * @throws IOException if it cannot be written
     * @throws CoreException if the project cannot be refreshed
     */
    ModelVersion prune(ModelVersion parent, double ratio) throws IOException, CoreException {
        MetricRegistry metrics = Services.find(MetricRegistry.class).orElseThrow();
        StrategyRegistry strategies = Services.find(StrategyRegistry.class).orElseThrow();
        PruningService.PruneRequest request = new PruningService.PruneRequest(
                MetricScoring.request(metrics, "org.prunelab.metrics.weightL1"),
                Planning.request(strategies, "org.prunelab.strategies.uniform",
                        JsonParser.parseString("{\"ratio\": " + ratio + "}")), 1, null, 0);
        ModelVersion child;
        try (NDManager manager = runtime().newManager()) {
            child = PruningService.prune(store(), parent, ProjectFolder.open(folder).descriptor().dataset(), request,
                    manager, null);
        }
        // as after any change made outside the workbench: the workspace learns of it when refreshed
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        return child;
    }

    /**
     * The project's dataset, as its descriptor says.
     *
     * @return the dataset
     * @throws IOException if the descriptor cannot be read
     */
    DatasetSpec data() throws IOException {
        return ProjectFolder.open(folder).descriptor().dataset();
    }

    /**
     * Points the project's dataset at a folder that does not exist.
     *
     * @return the missing folder
     * @throws IOException if the descriptor cannot be written
     */
    Path loseTheDataset() throws IOException {
        ProjectFolder project = ProjectFolder.open(folder);
        Path missing = folder.resolve("datasets/not-fetched");
        project.update(d -> d.withDataset(new DatasetSpec("fashion-mnist", missing.toString(),
                Normalization.FASHION_MNIST)));
        return missing;
    }

    /**
     * The project folder.
     *
     * @return where the project lives
     */
    Path folder() {
        return folder;
    }

    /**
     * The project in the workspace.
     *
     * @return the open project
     */
    IProject project() {
        return project;
    }

    /**
     * The trained root.
     *
     * @return version "base"
     */
    ModelVersion base() {
        return base;
    }

    /**
     * A new store of the project's versions.
     *
     * @return the store
     * @throws IOException if it cannot be opened
     */
    VersionStore store() throws IOException {
        return new VersionStore(folder);
    }

    /**
     * The model's versions on disk.
     *
     * @return every version, roots first
     * @throws IOException if they cannot be read
     */
    List<ModelVersion> versions() throws IOException {
        return store().versions(MODEL);
    }

    /**
     * The version folders of the model on disk, hidden ones included.
     *
     * @return their names, sorted
     * @throws IOException if the folder cannot be listed
     */
    List<String> versionFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(folder.resolve(VersionStore.MODELS).resolve(MODEL))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static ModelRuntime runtime() {
        return Services.find(ModelRuntime.class).orElseThrow();
    }

    @Override
    public void close() throws CoreException, IOException {
        if (project.exists()) {
            project.delete(false, true, null);
        }
        UiEvents.deleteFolder(folder);
    }
}
