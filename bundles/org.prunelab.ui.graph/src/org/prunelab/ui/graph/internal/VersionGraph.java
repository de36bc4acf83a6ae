package org.prunelab.ui.graph.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.InvalidNetworkException;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.ui.graph.LayerGraph;
import org.prunelab.ui.graph.LayerGraphLayout;

/**
 * A version's network ready to draw: its layer table against the model's root version and its layout.
 *
 * @param version the version shown
 * @param root the model's root version (the ancestor without a parent), or null if the lineage is broken
 * @param network the version's network
 * @param rows one per layer, in execution order
 * @param graph the layout, one node per row
 * @param note a remark to show with the graph, empty if there is none
 */
record VersionGraph(ModelVersion version, ModelVersion root, Network network, List<LayerRow> rows, LayerGraph graph,
        String note) {

    /**
     * Why a version cannot be drawn, in words for the view.
     */
    static final class UnreadableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads a version's network and its root's, and lays it out.
     *
     * @param version the version
     * @param text the widths of the boxes' text
     * @param monitor progress and cancellation
     * @return what to draw
     * @throws UnreadableException saying which file is missing or broken
     */
    static VersionGraph read(ModelVersion version, TextMetrics text, IProgressMonitor monitor)
            throws UnreadableException {
        SubMonitor sub = SubMonitor.convert(monitor, "Model graph of " + name(version), 10);
        Network network = network(version);
        sub.worked(1);
        ModelVersion root = version;
        Network rootNetwork = network;
        String note = "";
        if (version.parent() != null) {
            try {
                root = root(version);
                rootNetwork = network(root);
            } catch (UnreadableException e) {
                // the graph of the version itself is still worth showing
                root = null;
                rootNetwork = null;
                note = e.getMessage() + " The kept / original counts are unknown.";
            }
        }
        sub.worked(1);
        sub.checkCanceled();
        List<LayerRow> rows = LayerRow.of(network, rootNetwork);
        Map<String, LayerGraphLayout.Size> boxes = text.boxes(rows);
        LayerGraph graph = LayerGraphLayout.layout(network, layer -> boxes.get(layer.id()), sub.split(8));
        return new VersionGraph(version, root, network, rows, graph, note);
    }

    /**
     * The root of a version: the ancestor whose recipe has no parent.
     *
     * @param version a version
     * @return its root, the version itself if it has no parent
     * @throws UnreadableException if an ancestor is missing or the parents form a loop
     */
    static ModelVersion root(ModelVersion version) throws UnreadableException {
        ModelVersion at = version;
        Set<String> seen = new HashSet<>();
        try {
            VersionStore store = new VersionStore(version.projectDirectory());
            while (at.parent() != null) {
                if (!seen.add(at.id())) {
                    throw new UnreadableException("The parents of " + name(version) + " form a loop at " + at.id()
                            + ".", null);
                }
                at = store.version(version.model(), at.parent());
            }
            return at;
        } catch (IOException e) {
            throw new UnreadableException("Cannot find the root of " + name(version) + ": " + problem(e), e);
        }
    }

    private static Network network(ModelVersion version) throws UnreadableException {
        Path file = version.directory().resolve(ModelFiles.NETWORK_FILE);
        try {
            return NetworkJson.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UnreadableException(name(version) + " has no " + ModelFiles.NETWORK_FILE + " (" + file + ").", e);
        } catch (IOException e) {
            throw new UnreadableException("Cannot read " + file + ": " + problem(e), e);
        } catch (InvalidNetworkException e) {
            throw new UnreadableException("The network of " + name(version) + " is broken (" + file + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson reports wrong field types as unchecked exceptions of its own
            throw new UnreadableException("The network of " + name(version) + " is broken (" + file + "): "
                    + problem(e), e);
        }
    }

    private static String problem(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A version's name as the views write it.
     *
     * @param version a version
     * @return "model/id"
     */
    static String name(ModelVersion version) {
        return version.model() + "/" + version.id();
    }

    /**
     * The layer table.
     *
     * @return a header and one row per layer: name, type, output shape, kept, original, params
     */
    List<List<String>> table() {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("name", "type", "output shape", "kept", "original", "params"));
        for (LayerRow row : rows) {
            table.add(row.csv());
        }
        return table;
    }
}
