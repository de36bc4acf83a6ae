package org.prunelab.core.versions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.training.ModelTraining;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import ai.djl.ndarray.NDManager;

/**
 * CNNPruner's layer sensitivity: each channel group pruned alone, by a metric's ranking, at each ratio,
 * and evaluated without fine-tuning. The curves are stored with the version ({@value #FILE}) and feed the
 * target-accuracy strategy.
 */
public final class LayerSensitivity {

    /** The file of a version's curves. */
    public static final String FILE = "sensitivity.json";

    /** The ratios CNNPruner measures: 10 % to 90 %. */
    public static final List<Double> RATIOS = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private LayerSensitivity() {
    }

    /**
     * Measures the curves. One evaluation per group and ratio: cancellation is checked between them.
     *
     * @param model the model; unchanged
     * @param scores a metric's scores of every convolution, ranking the channels to remove
     * @param validation the samples to evaluate on
     * @param normalization applied to the images
     * @param ratios the ratios, ascending, in (0, 1)
     * @param monitor progress and cancellation
     * @return the curves
     */
    public static SensitivityCurves measure(NetworkModel model, FilterScores scores, Dataset validation,
            Normalization normalization, List<Double> ratios, IProgressMonitor monitor) {
        PlanningContext context = PlanningContext.of(model, scores, 1);
        List<ChannelGroup> groups = context.prunableGroups();
        SubMonitor sub = SubMonitor.convert(monitor, "Layer sensitivity", 1 + groups.size() * ratios.size());
        double base = accuracy(model, PruningPlan.keepAll(), validation, normalization, sub.split(1));
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (ChannelGroup group : groups) {
            List<Double> curve = new ArrayList<>();
            for (double ratio : ratios) {
                sub.subTask(group.id() + " at " + Math.round(100 * ratio) + " %");
                Map<String, Integer> counts = new LinkedHashMap<>();
                counts.put(group.id(), (int) Math.round((1 - ratio) * group.channels()));
                curve.add(accuracy(model, context.keepTop(counts), validation, normalization, sub.split(1)));
            }
            curves.put(group.id(), curve);
        }
        return new SensitivityCurves(scores.metric(), ratios, base, curves, validation.size());
    }

    /**
     * The accuracy a plan leaves, without fine-tuning.
     *
     * @param model the unpruned model
     * @param plan the plan
     * @param validation the samples
     * @param normalization applied to the images
     * @param monitor progress and cancellation
     * @return the pruned network's accuracy
     */
    public static double accuracy(NetworkModel model, PruningPlan plan, Dataset validation, Normalization normalization,
            IProgressMonitor monitor) {
        try (NDManager scope = model.manager().newSubManager();
                NetworkModel pruned = Surgeon.apply(model, plan, scope)) {
            return ModelTraining.evaluate(pruned, validation, normalization, PruningService.BATCH_SIZE, monitor)
                    .accuracy();
        }
    }

    /**
     * Stores curves with a version (atomically: written aside, then renamed).
     *
     * @param version the version
     * @param curves its curves
     * @throws IOException if writing fails
     */
    public static void save(ModelVersion version, SensitivityCurves curves) throws IOException {
        ProjectFiles.writeAtomically(version.directory().resolve(FILE), GSON.toJson(curves) + "\n");
    }

    /**
     * The curves stored with a version.
     *
     * @param version the version
     * @return its curves, or empty if none were measured
     * @throws IOException naming the file if it cannot be read
     */
    public static Optional<SensitivityCurves> load(ModelVersion version) throws IOException {
        Path file = version.directory().resolve(FILE);
        try {
            return Optional.ofNullable(GSON.fromJson(ProjectFiles.readText(file), SensitivityCurves.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
