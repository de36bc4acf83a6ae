package org.prunelab.core.versions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.torch.TorchImport;

import ai.djl.ndarray.NDManager;

/**
 * A model from elsewhere into a project, as its root version "base": an ONNX file (its graph is the
 * network) or a PyTorch file (weights only) with an architecture — a built-in one at the dataset's image
 * shape or a {@code network.json}. What the import wizard and the command line's {@code import} share.
 */
public final class ModelImport {

    /** An architecture name that names none. */
    public static final class UnknownArchitecture extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnknownArchitecture(String message) {
            super(message);
        }
    }

    /**
     * What a file would import as.
     *
     * @param network the network
     * @param complexity its parameters and MACs
     * @param source how the recipe will name where it came from
     */
    public record Preview(Network network, Complexity complexity, String source) {
    }

    private ModelImport() {
    }

    /**
     * Whether a file is ONNX (by its name), which needs no architecture.
     *
     * @param file a model file
     * @return true for a .onnx file
     */
    public static boolean isOnnx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * Reads a file as the project's dataset needs it, without storing anything.
     *
     * @param project the project folder (its dataset gives the image shape and classes)
     * @param file the ONNX or PyTorch file
     * @param arch the architecture of a PyTorch file (ignored, and may be null, for ONNX)
     * @param runtime the model runtime
     * @return the network it holds
     * @throws IOException if the project cannot be read
     * @throws ModelFileException naming the file if it is damaged, does not fit the architecture, or does not
     *             fit the dataset's images and classes
     * @throws UnknownArchitecture if the architecture names none
     */
    public static Preview preview(Path project, Path file, String arch, ModelRuntime runtime) throws IOException {
        Dataset test = dataset(project).test(project);
        try (NDManager manager = runtime.newManager(); NetworkModel model = read(file, arch, test, manager)) {
            return new Preview(model.network(), Complexity.of(model.network()), source(file, arch));
        }
    }

    /**
     * Imports a file as a new model of a project, evaluated on its test set.
     *
     * @param store the project's versions
     * @param modelId the new model's id
     * @param file the ONNX or PyTorch file
     * @param arch the architecture of a PyTorch file (null for ONNX)
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the stored root version
     * @throws IOException if the project cannot be read or the version cannot be written
     */
    public static ModelVersion store(VersionStore store, String modelId, Path file, String arch, ModelRuntime runtime,
            IProgressMonitor monitor) throws IOException {
        DatasetSpec data = dataset(store.projectDir());
        try (NDManager manager = runtime.newManager();
                NetworkModel model = read(file, arch, data.test(store.projectDir()), manager)) {
            return PruningService.storeImported(store, modelId, model, source(file, arch), data, monitor);
        }
    }

    /**
     * The network an architecture names, for a dataset's images and classes: a built-in builder
     * ({@code small-vgg:W1,W2,…}, {@code vgg11-bn[:WIDTH]}, {@code vgg16-bn[:WIDTH]}, {@code resnet:DEPTH},
     * {@code resnet20}, {@code resnet56}; {@code +bias} gives the small VGG's convolutions a bias, as
     * PyTorch's {@code nn.Conv2d} has by default), a {@code network.json} file describing any network, or
     * an ONNX file of the same model (its graph, not its weights; its layers are named after the modules,
     * so a state_dict's tensors are matched by name).
     *
     * @param arch the name
     * @param imageShape the dataset's [channels, height, width]
     * @param classes the dataset's class count
     * @return the network
     * @throws UnknownArchitecture if the name names none or its numbers do not read
     * @throws ModelFileException naming the JSON or ONNX file if it cannot be read
     */
    public static Network architecture(String arch, List<Integer> imageShape, int classes) {
        if (arch.endsWith(".json")) {
            return ModelFiles.networkFile(Path.of(arch));
        }
        if (isOnnx(Path.of(arch))) {
            return OnnxImport.read(Path.of(arch)).network();
        }
        boolean bias = arch.endsWith("+bias");
        String name = bias ? arch.substring(0, arch.length() - "+bias".length()) : arch;
        String[] parts = name.split(":", 2);
        try {
            Network network = switch (parts[0]) {
                case "small-vgg" -> Architectures.smallVgg(name, imageShape, parts.length < 2 ? List.of(32, 32, 64, 64)
                        : Arrays.stream(parts[1].split(",")).map(String::strip).map(Integer::valueOf).toList(), classes,
                        bias);
                case "vgg11-bn" -> Architectures.vgg11Bn(parts.length < 2 ? 1 : Double.parseDouble(parts[1]), classes);
                case "vgg16-bn" -> Architectures.vgg16Bn(parts.length < 2 ? 1 : Double.parseDouble(parts[1]), classes);
                case "resnet" -> Architectures.cifarResnet(parts.length < 2 ? 20 : Integer.parseInt(parts[1]),
                        imageShape, classes);
                case "resnet20" -> Architectures.cifarResnet(20, imageShape, classes);
                case "resnet56" -> Architectures.cifarResnet(56, imageShape, classes);
                default -> throw new UnknownArchitecture("unknown architecture '" + arch + "'");
            };
            if (bias && !parts[0].equals("small-vgg")) {
                throw new UnknownArchitecture("+bias is for small-vgg; describe other networks with conv bias in a "
                        + "network.json");
            }
            return network;
        } catch (NumberFormatException e) {
            throw new UnknownArchitecture("cannot read the widths or depth of '" + arch + "'");
        } catch (UnknownArchitecture e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UnknownArchitecture("architecture '" + arch + "': " + e.getMessage());
        }
    }

    private static NetworkModel read(Path file, String arch, Dataset test, NDManager manager) {
        NetworkModel model = isOnnx(file) ? OnnxImport.load(file, manager)
                : TorchImport.load(file, architecture(arch, test.imageShape(), test.classNames().size()), manager);
        Network network = model.network();
        List<Integer> scores = network.shapes().get(network.layers().get(network.layers().size() - 1).id());
        if (!network.inputShape().equals(test.imageShape()) || scores.get(0) != test.classNames().size()) {
            model.close();
            throw new ModelFileException(file, "the network reads " + network.inputShape() + " images into "
                    + scores.get(0) + " class scores; the project's dataset has " + test.imageShape() + " images of "
                    + test.classNames().size() + " classes");
        }
        return model;
    }

    private static String source(Path file, String arch) {
        return (isOnnx(file) ? "ONNX" : arch) + " from " + file.getFileName();
    }

    private static DatasetSpec dataset(Path project) throws IOException {
        return ProjectFolder.open(project).dataset();
    }
}
