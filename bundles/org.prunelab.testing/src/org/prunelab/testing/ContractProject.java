package org.prunelab.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;

import ai.djl.ndarray.NDManager;

/**
 * A project small enough for a contract suite, made in a temporary folder from nothing: an image-folders
 * dataset of three classes of 16 × 16 grey images (a bright square in a class's corner, and noise; 12
 * training and 9 test images), and one model, {@value #MODEL}, a small VGG of widths 4-4-8-8 with two
 * versions of random weights: {@code base} and its child {@code v1}. {@link #close()} deletes the folder.
 */
public final class ContractProject implements AutoCloseable {

    /** The model's id. */
    public static final String MODEL = "contract";

    private final Path folder;
    private final DatasetSpec data;
    private final ModelVersion base;
    private final ModelVersion child;
    private final ServiceTracker<ModelRuntime, ModelRuntime> runtime;

    private ContractProject(Path folder, DatasetSpec data, ModelVersion base, ModelVersion child,
            ServiceTracker<ModelRuntime, ModelRuntime> runtime) {
        this.folder = folder;
        this.data = data;
        this.base = base;
        this.child = child;
        this.runtime = runtime;
    }

    /**
     * Makes the project.
     *
     * @return the project
     * @throws IOException if it cannot be written
     * @throws InterruptedException if interrupted while waiting for the model runtime
     */
    public static ContractProject create() throws IOException, InterruptedException {
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(ContractProject.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        ModelRuntime modelRuntime = tracker.waitForService(60_000);
        if (modelRuntime == null) {
            tracker.close();
            throw new IllegalStateException("the model runtime service did not start within a minute");
        }
        Path folder = Files.createTempDirectory("prunelab-contract");
        writeImages(folder.resolve("images").resolve("train"), 4, 1);
        writeImages(folder.resolve("images").resolve("test"), 3, 2);
        ProjectFolder project = ProjectFolder.create(folder, "contract", "the contract suites' project");
        DatasetSpec data = new DatasetSpec("image-folders", "images", Normalization.none(1));
        project.update(d -> d.withDataset(data).withModel(MODEL));
        VersionStore store = new VersionStore(folder);
        Network network = Architectures.smallVgg(MODEL, List.of(1, 16, 16), List.of(4, 4, 8, 8), 3);
        ModelVersion base;
        ModelVersion child;
        try (NDManager manager = modelRuntime.newManager();
                NetworkModel first = NetworkModel.initialize(network, manager, 1);
                NetworkModel second = NetworkModel.initialize(network, manager, 2)) {
            base = PruningService.storeImported(store, MODEL, first, "random weights (seed 1)", data, null);
            // a second set of random weights as the child: what an analysis compares need not be pruned
            Evaluation evaluation = PruningService.evaluate(second, data.test(folder), data.normalization(), null);
            child = store.write(MODEL, "v1", second, new Recipe("imported", base.id(), "random weights (seed 2)", null,
                    null, null, null, 0, null, null, 2, Instant.now()), evaluation);
        }
        return new ContractProject(folder, data, base, child, tracker);
    }

    private static void writeImages(Path root, int perClass, long seed) throws IOException {
        Random random = new Random(seed);
        for (int c = 0; c < 3; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean square = (c == 1 ? x >= 10 : x < 6) && (c == 2 ? y >= 10 : y < 6);
                        int value = (square ? 200 : 20) + random.nextInt(40);
                        image.getRaster().setSample(x, y, 0, value);
                    }
                }
                ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
            }
        }
    }

    /**
     * The project's folder.
     *
     * @return its path
     */
    public Path folder() {
        return folder;
    }

    /**
     * The project's dataset.
     *
     * @return its specification
     */
    public DatasetSpec data() {
        return data;
    }

    /**
     * The versions an analysis of that many versions takes: {@code [v1]} or {@code [base, v1]}.
     *
     * @param count 1 or 2
     * @return the versions, baseline first
     */
    public List<ModelVersion> versions(int count) {
        return count == 1 ? List.of(child) : List.of(base, child);
    }

    /**
     * The model runtime, for the headless providers that open their own managers.
     *
     * @return the running runtime
     */
    public ModelRuntime runtime() {
        return runtime.getService();
    }

    /**
     * A new manager of the model runtime.
     *
     * @return the manager; close it
     */
    public NDManager newManager() {
        return runtime.getService().newManager();
    }

    @Override
    public void close() throws IOException {
        runtime.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
