package org.prunelab.runtime.torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.runtime.internal.NonFinite;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Maps the tensors of a PyTorch archive onto a network IR. The archive's modules (tensors grouped by
 * their name without the last part) are matched to the IR's convolutions, batch norms and linear layers
 * by name when every such layer has a module of its id (a network read from the same model's ONNX file,
 * whose layers are named after the modules), else in order, so any naming works ("0.weight",
 * "features.3.weight", "layer1.0.conv1.weight") as long as the modules come in the IR's order. Every
 * shape is checked.
 */
public final class TorchImport {

    private TorchImport() {
    }

    /**
     * Imports an archive as a model of the given network.
     *
     * @param file the PyTorch archive
     * @param network the matching network
     * @param parent the manager under which the model's manager is created
     * @return the model with the archive's weights
     * @throws ModelFileException naming the file and the first tensor that does not fit, is not float32,
     *             or holds a NaN or infinite value
     */
    public static NetworkModel load(Path file, Network network, NDManager parent) {
        List<Module> modules = inNetworkOrder(modules(TorchArchive.read(file)), network);
        Map<String, Shape> specs = ParameterSpecs.of(network);
        Map<String, float[]> values = new LinkedHashMap<>();
        int next = 0;
        for (Layer layer : network.layers()) {
            List<String> roles = switch (layer.op()) {
                case Op.Conv2d c -> c.bias() ? List.of("weight", "bias") : List.of("weight");
                case Op.Linear l -> l.bias() ? List.of("weight", "bias") : List.of("weight");
                case Op.BatchNorm2d b -> List.of("weight", "bias", "running_mean", "running_var");
                default -> List.of();
            };
            if (roles.isEmpty()) {
                continue;
            }
            if (next >= modules.size()) {
                throw new ModelFileException(file, "has no module left for layer '" + layer.id() + "' ("
                        + layer.op().type() + "): the archive has " + modules.size() + " modules with weights");
            }
            Module module = modules.get(next++);
            for (String role : roles) {
                TorchTensor tensor = module.tensors().get(role);
                String target = ParameterSpecs.name(layer, ourRole(layer, role));
                if (tensor == null) {
                    throw new ModelFileException(file, "module '" + module.name() + "' has no '" + role
                            + "', which layer '" + layer.id() + "' (" + layer.op().type() + ") needs"
                            + foldedHint(modules, network));
                }
                Shape expected = specs.get(target);
                if (!new Shape(tensor.shape()).equals(expected)) {
                    throw new ModelFileException(file, "tensor '" + tensor.name() + "' has shape " + tensor.shapeText()
                            + ", layer '" + layer.id() + "' needs " + expected);
                }
                if (!tensor.isFloat()) {
                    throw new ModelFileException(file, "tensor '" + tensor.name() + "' is a " + tensor.dtype()
                            + "; PruneLab imports float32 weights (save the model after model.float())");
                }
                int nonFinite = NonFinite.firstIndex(tensor.values());
                if (nonFinite >= 0) {
                    throw new ModelFileException(file, NonFinite.describe("tensor '" + tensor.name() + "'",
                            tensor.values(), nonFinite) + ": the weights are corrupt or come from a diverged training");
                }
                values.put(target, tensor.values());
            }
            for (String role : module.tensors().keySet()) {
                if (!roles.contains(role) && module.tensors().get(role).isFloat()) {
                    throw new ModelFileException(file, "tensor '" + module.name() + "." + role + "' has no place in layer '"
                            + layer.id() + "' (" + layer.op().type() + ")" + foldedHint(modules, network));
                }
            }
        }
        if (next < modules.size()) {
            throw new ModelFileException(file, "module '" + modules.get(next).name()
                    + "' and after have no layer in network " + network.name() + foldedHint(modules, network));
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        values.forEach((name, data) -> {
            NDArray array = manager.create(data, specs.get(name));
            array.setName(name);
            parameters.put(name, array);
        });
        return NetworkModel.of(network, manager, parameters);
    }

    private static String ourRole(Layer layer, String role) {
        if (layer.op() instanceof Op.BatchNorm2d) {
            return switch (role) {
                case "weight" -> ParameterSpecs.GAMMA;
                case "bias" -> ParameterSpecs.BETA;
                case "running_mean" -> ParameterSpecs.RUNNING_MEAN;
                default -> ParameterSpecs.RUNNING_VAR;
            };
        }
        return role;
    }

    /**
     * The modules in the order of the network's layers when each weighted layer has a module of its id, so
     * that the match does not depend on the order in which the model's class registered its modules.
     */
    private static List<Module> inNetworkOrder(List<Module> modules, Network network) {
        Map<String, Module> byName = new LinkedHashMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        List<Module> ordered = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Conv2d || layer.op() instanceof Op.Linear || layer.op() instanceof Op.BatchNorm2d) {
                Module module = byName.remove(layer.id());
                if (module == null) {
                    return modules;
                }
                ordered.add(module);
            }
        }
        ordered.addAll(byName.values());
        return ordered;
    }

    /** Why a batch norm of the archive may have no layer: the architecture's ONNX file folded them. */
    private static String foldedHint(List<Module> modules, Network network) {
        if (modules.stream().noneMatch(m -> m.tensors().containsKey("running_mean"))
                || !network.layersOf(Op.BatchNorm2d.class).isEmpty()) {
            return "";
        }
        return ". The network has no batch norm: an ONNX file exported in eval mode folds them into the convolutions;"
                + " export the architecture with torch.onnx.export(..., training=torch.onnx.TrainingMode.PRESERVE,"
                + " do_constant_folding=False), or import the ONNX file itself";
    }

    /** A module of the archive: its name and its tensors by their last name part. */
    private record Module(String name, Map<String, TorchTensor> tensors) {
    }

    private static List<Module> modules(List<TorchTensor> tensors) {
        List<Module> modules = new ArrayList<>();
        for (TorchTensor tensor : tensors) {
            int dot = tensor.name().lastIndexOf('.');
            String module = dot < 0 ? "" : tensor.name().substring(0, dot);
            String role = tensor.name().substring(dot + 1);
            if (modules.isEmpty() || !modules.get(modules.size() - 1).name().equals(module)) {
                modules.add(new Module(module, new LinkedHashMap<>()));
            }
            modules.get(modules.size() - 1).tensors().put(role, tensor);
        }
        // modules holding only non-float tensors (a lone num_batches_tracked) carry no weights
        modules.removeIf(m -> m.tensors().values().stream().noneMatch(TorchTensor::isFloat));
        return modules;
    }
}
