package org.prunelab.ui.internal.lineage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.internal.Attention;

/**
 * Two versions side by side: their figures (test accuracy and loss, parameters, FLOPs, size, latency,
 * accuracy per class) and the widths of their layers, each with the change from the first to the second
 * and whether that change is for the better. Headless: the compare dialog renders it.
 *
 * @param first the version compared against (column A)
 * @param second the version compared (column B)
 * @param figures the measures, in display order
 * @param layers every convolution and linear layer of either network, in the first network's order (the
 *            second's own layers after)
 */
public record VersionComparison(ModelVersion first, ModelVersion second, List<Figure> figures,
        List<LayerWidths> layers) {

    /**
     * One measure of both versions.
     *
     * @param measure what it is, e.g. "Test accuracy" or "Accuracy: Shirt"
     * @param a the first version's value, formatted
     * @param b the second version's value, formatted
     * @param change B − A, formatted; empty if equal
     * @param verdict +1 if B is better, −1 if worse, 0 if equal or neither
     */
    public record Figure(String measure, String a, String b, String change, int verdict) {
    }

    /**
     * A layer's width in both networks.
     *
     * @param layer the layer id
     * @param kind "conv" (filters) or "linear" (units)
     * @param a filters or units in the first network, 0 if it has no such layer
     * @param b the same in the second network
     */
    public record LayerWidths(String layer, String kind, int a, int b) {

        /**
         * Whether the widths differ.
         *
         * @return true if pruning (or another architecture) changed the layer
         */
        public boolean differs() {
            return a != b;
        }
    }

    /** Copies the lists. */
    public VersionComparison {
        figures = List.copyOf(figures);
        layers = List.copyOf(layers);
    }

    /**
     * Reads both versions' networks and the class names of the project's dataset, and compares.
     *
     * @param first the version compared against
     * @param second the version compared
     * @return the comparison
     * @throws IOException naming the file if a network cannot be read
     */
    public static VersionComparison read(ModelVersion first, ModelVersion second) throws IOException {
        Network a = network(first);
        Network b = network(second);
        DatasetSpec data = null;
        try {
            data = ProjectFolder.open(first.projectDirectory()).descriptor().dataset();
        } catch (IOException e) {
            // without the descriptor the classes are shown by number
        }
        // each version's root is found among its model's versions, read once when both are of one model
        List<ModelVersion> firstModel = new VersionStore(first.projectDirectory()).versions(first.model());
        List<ModelVersion> secondModel = second.model().equals(first.model()) ? firstModel
                : new VersionStore(second.projectDirectory()).versions(second.model());
        return of(first, a, Attention.read(first, firstModel, data), second, b, Attention.read(second, secondModel, data),
                DatasetSpec.classNames(data, first.projectDirectory(), first.evaluation().perClassAccuracy().length));
    }

    /** A root's Sp2PS against itself is 1 by definition; a version never compared has none. */
    static Figure sp2ps(ModelVersion first, Optional<Sp2psScore> a, ModelVersion second, Optional<Sp2psScore> b) {
        double x = first.parent() == null ? 1 : a.map(Sp2psScore::sp2ps).orElse(Double.NaN);
        double y = second.parent() == null ? 1 : b.map(Sp2psScore::sp2ps).orElse(Double.NaN);
        String none = "not computed";
        return new Figure("Sp2PS against the root", Double.isNaN(x) ? none : format("%.3f", x),
                Double.isNaN(y) ? none : format("%.3f", y),
                Double.isNaN(x) || Double.isNaN(y) || x == y ? "" : format("%+.3f", y - x), verdict(x, y, +1));
    }

    /**
     * Compares two versions whose networks are known.
     *
     * @param first the version compared against
     * @param a its network
     * @param attentionA its stored Sp2PS against its root, if computed
     * @param second the version compared
     * @param b its network
     * @param attentionB its stored Sp2PS against its root, if computed
     * @param classNames the class names, by label
     * @return the comparison
     */
    public static VersionComparison of(ModelVersion first, Network a, Optional<Sp2psScore> attentionA,
            ModelVersion second, Network b, Optional<Sp2psScore> attentionB, List<String> classNames) {
        Evaluation x = first.evaluation();
        Evaluation y = second.evaluation();
        List<Figure> figures = new ArrayList<>();
        figures.add(percent("Test accuracy", x.accuracy(), y.accuracy()));
        figures.add(compare("Test loss", x.loss(), y.loss(), "%.4f", "%+.4f", -1));
        figures.add(count("Parameters", x.parameters(), y.parameters()));
        figures.add(count("FLOPs", x.flops(), y.flops()));
        figures.add(compare("Size", x.bytes() / 1024.0, y.bytes() / 1024.0, "%.1f KB", "%+.1f KB", -1));
        figures.add(compare("Latency, batch 1", x.latencyMillis1(), y.latencyMillis1(), "%.2f ms", "%+.2f ms", -1));
        figures.add(compare("Latency, batch 64", x.latencyMillis64(), y.latencyMillis64(), "%.1f ms", "%+.1f ms", -1));
        figures.add(sp2ps(first, attentionA, second, attentionB));
        int classes = Math.max(x.perClassAccuracy().length, y.perClassAccuracy().length);
        for (int c = 0; c < classes; c++) {
            String name = c < classNames.size() ? classNames.get(c) : String.valueOf(c);
            figures.add(percent("Accuracy: " + name, at(x.perClassAccuracy(), c), at(y.perClassAccuracy(), c)));
        }
        return new VersionComparison(first, second, figures, widths(a, b));
    }

    /**
     * The widths of the convolutions and linear layers of two networks.
     *
     * @param a the first network
     * @param b the second network
     * @return one row per layer id of either
     */
    static List<LayerWidths> widths(Network a, Network b) {
        Map<String, Integer> first = widthsOf(a);
        Map<String, Integer> second = widthsOf(b);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Network network : List.of(a, b)) {
            for (Layer layer : network.layers()) {
                if (layer.op() instanceof Op.Conv2d) {
                    kinds.putIfAbsent(layer.id(), "conv");
                } else if (layer.op() instanceof Op.Linear) {
                    kinds.putIfAbsent(layer.id(), "linear");
                }
            }
        }
        List<LayerWidths> rows = new ArrayList<>();
        kinds.forEach((id, kind) -> rows.add(new LayerWidths(id, kind, first.getOrDefault(id, 0),
                second.getOrDefault(id, 0))));
        return rows;
    }

    private static Map<String, Integer> widthsOf(Network network) {
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Conv2d c) {
                widths.put(layer.id(), c.filters());
            } else if (layer.op() instanceof Op.Linear l) {
                widths.put(layer.id(), l.units());
            }
        }
        return widths;
    }

    private static Network network(ModelVersion version) throws IOException {
        Path file = version.directory().resolve(ModelFiles.NETWORK_FILE);
        try {
            return NetworkJson.fromJson(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static double at(double[] values, int i) {
        return i < values.length ? values[i] : Double.NaN;
    }

    private static Figure percent(String measure, double a, double b) {
        return new Figure(measure, format("%.2f %%", 100 * a), format("%.2f %%", 100 * b),
                Double.isNaN(a) || Double.isNaN(b) || a == b ? "" : format("%+.2f points", 100 * (b - a)),
                verdict(a, b, +1));
    }

    private static Figure count(String measure, long a, long b) {
        String change = a == b ? ""
                : a == 0 ? String.format(Locale.ROOT, "%+,d", b - a)
                        : String.format(Locale.ROOT, "%+,d (%.1f %% of A)", b - a, 100.0 * b / a);
        return new Figure(measure, String.format(Locale.ROOT, "%,d", a), String.format(Locale.ROOT, "%,d", b), change,
                verdict(a, b, -1));
    }

    /** A measure where {@code direction} +1 means higher is better and −1 lower. */
    private static Figure compare(String measure, double a, double b, String pattern, String changePattern,
            int direction) {
        return new Figure(measure, format(pattern, a), format(pattern, b),
                a == b ? "" : format(changePattern, b - a), verdict(a, b, direction));
    }

    private static int verdict(double a, double b, int direction) {
        if (Double.isNaN(a) || Double.isNaN(b) || a == b) {
            return 0;
        }
        return (b > a ? 1 : -1) * direction;
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern, value);
    }
}
