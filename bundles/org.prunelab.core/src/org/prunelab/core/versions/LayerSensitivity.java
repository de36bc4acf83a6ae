package org.prunelab.core.versions;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.NonFiniteLogitsException;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CNNPruner's layer sensitivity: each channel group pruned alone, by a metric's ranking, at each ratio,
 * and evaluated without fine-tuning. The curves are stored with the version by the Layer Sensitivity
 * analysis ({@link LayerSensitivityAnalysis}) and feed the target-accuracy strategy.
 */
public final class LayerSensitivity {

    /** The ratios CNNPruner measures: 10 % to 90 %. */
    public static final List<Double> RATIOS = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    /** The memory the unchanged layers' outputs may take at a time while a group's curve is measured. */
    public static final long PREFIX_BYTES = 256L << 20;

    private LayerSensitivity() {
    }

    /**
     * Measures the curves, each group's pruned networks run from the outputs of the layers its pruning
     * leaves unchanged, computed once (see {@link #measure(NetworkModel, FilterScores, Dataset, Normalization,
     * List, long, IProgressMonitor)}), in at most {@value #PREFIX_BYTES} bytes at a time.
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
        return measure(model, scores, validation, normalization, ratios, PREFIX_BYTES, monitor);
    }

    /**
     * Measures the curves. Pruning one group changes its producers and every layer after them; the layers
     * before keep their weights and outputs. With {@code prefixBytes} above 0 those outputs (where the
     * changed layers read them) are computed once per group on the unpruned network and every ratio's
     * network runs from them; the samples are taken in chunks of whole batches whose outputs fit in
     * {@code prefixBytes}. The batches are those of a plain evaluation, so the accuracies are the same to
     * the bit as evaluating each pruned network on its own, which {@code prefixBytes} 0 does.
     *
     * @param model the model; unchanged
     * @param scores a metric's scores of every convolution, ranking the channels to remove
     * @param validation the samples to evaluate on
     * @param normalization applied to the images
     * @param ratios the ratios, ascending, in (0, 1)
     * @param prefixBytes the memory the unchanged layers' outputs may take at a time; 0 to evaluate every
     *            pruned network from the images
     * @param monitor progress and cancellation, checked between batches
     * @return the curves
     * @throws IllegalArgumentException if the validation set is empty or does not fit the network
     * @throws org.prunelab.runtime.training.NonFiniteLogitsException if a pruned network's logits are not finite
     */
    public static SensitivityCurves measure(NetworkModel model, FilterScores scores, Dataset validation,
            Normalization normalization, List<Double> ratios, long prefixBytes, IProgressMonitor monitor) {
        PlanningContext context = PlanningContext.of(model, scores, 1);
        List<ChannelGroup> groups = context.prunableGroups();
        SubMonitor sub = SubMonitor.convert(monitor, "Layer sensitivity", 1 + groups.size() * ratios.size());
        double base = accuracy(model, PruningPlan.keepAll(), validation, normalization, sub.split(1));
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (ChannelGroup group : groups) {
            sub.subTask(group.id());
            List<PruningPlan> plans = new ArrayList<>();
            for (double ratio : ratios) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                counts.put(group.id(), (int) Math.round((1 - ratio) * group.channels()));
                plans.add(context.keepTop(counts));
            }
            SubMonitor work = sub.split(ratios.size());
            if (prefixBytes > 0) {
                curves.put(group.id(), fromPrefix(model, group, plans, validation, normalization, prefixBytes, work));
            } else {
                work.setWorkRemaining(plans.size());
                List<Double> curve = new ArrayList<>();
                for (PruningPlan plan : plans) {
                    curve.add(accuracy(model, plan, validation, normalization, work.split(1)));
                }
                curves.put(group.id(), curve);
            }
        }
        return new SensitivityCurves(scores.metric(), ratios, base, curves, validation.size());
    }

    /** The accuracy of each plan of one group, its networks run from the unchanged layers' outputs. */
    private static List<Double> fromPrefix(NetworkModel model, ChannelGroup group, List<PruningPlan> plans,
            Dataset validation, Normalization normalization, long prefixBytes, IProgressMonitor monitor) {
        Network network = model.network();
        List<String> frontier = frontier(network, group);
        Map<String, List<Integer>> shapes = network.shapes();
        long perSample = 0;
        for (String id : frontier) {
            perSample += Float.BYTES * shapes.get(id).stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        }
        int batchSize = PruningService.BATCH_SIZE;
        int perChunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, prefixBytes / (perSample * batchSize)));
        Batches batches = Batches.inOrder(validation, batchSize, normalization);
        SubMonitor sub = SubMonitor.convert(monitor, batches.count() * (1 + plans.size()));
        String output = network.output().id();
        long[] correct = new long[plans.size()];
        try (NDManager scope = model.manager().newSubManager()) {
            List<NetworkModel> pruned = new ArrayList<>();
            for (PruningPlan plan : plans) {
                pruned.add(Surgeon.apply(model, plan, scope));
            }
            Iterator<Batch> it = batches.iterator(scope);
            while (it.hasNext()) {
                try (NDManager chunk = scope.newSubManager()) {
                    List<Map<String, NDArray>> prefixes = new ArrayList<>();
                    List<int[]> labels = new ArrayList<>();
                    List<int[]> indices = new ArrayList<>();
                    while (prefixes.size() < perChunk && it.hasNext()) {
                        sub.split(1);
                        try (Batch batch = it.next()) {
                            Map<String, NDArray> prefix = Executor.resume(model, Map.of(Network.INPUT, batch.images()),
                                    frontier);
                            prefix.values().forEach(a -> a.attach(chunk));
                            prefixes.add(prefix);
                            labels.add(batch.labels().toIntArray());
                            indices.add(batch.indices());
                        }
                    }
                    for (int p = 0; p < plans.size(); p++) {
                        for (int b = 0; b < prefixes.size(); b++) {
                            sub.split(1);
                            try (NDManager step = chunk.newSubManager()) {
                                // lent to the step: what the network computes from them is freed with it
                                prefixes.get(b).values().forEach(step::tempAttachAll);
                                NDArray logits = Executor.resume(pruned.get(p), prefixes.get(b), List.of(output))
                                        .get(output);
                                if (logits.isNaN().logicalOr(logits.isInfinite()).any().getBoolean()) {
                                    int[] at = indices.get(b);
                                    throw new NonFiniteLogitsException(pruned.get(p).network().name(),
                                            validation.name(), at[0], at[at.length - 1]);
                                }
                                // as a plain evaluation decides: the most probable class
                                long[] predicted = logits.softmax(1).argMax(1).toLongArray();
                                for (int i = 0; i < predicted.length; i++) {
                                    correct[p] += predicted[i] == labels.get(b)[i] ? 1 : 0;
                                }
                            }
                        }
                    }
                }
            }
            pruned.forEach(NetworkModel::close);
        }
        List<Double> curve = new ArrayList<>();
        for (long c : correct) {
            curve.add((double) c / validation.size());
        }
        return curve;
    }

    /**
     * The layers whose outputs the changed part of a network reads when a group is pruned: the changed
     * part is the group's producers and every layer after them.
     */
    static List<String> frontier(Network network, ChannelGroup group) {
        Set<String> changed = new HashSet<>();
        Deque<String> open = new ArrayDeque<>(group.producers());
        while (!open.isEmpty()) {
            String id = open.pop();
            if (changed.add(id)) {
                network.consumers(id).forEach(layer -> open.push(layer.id()));
            }
        }
        Set<String> frontier = new LinkedHashSet<>();
        for (Layer layer : network.layers()) {
            if (changed.contains(layer.id())) {
                layer.inputs().stream().filter(in -> !changed.contains(in)).forEach(frontier::add);
            }
        }
        return List.copyOf(frontier);
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
     * A version's curves for a metric, as the Layer Sensitivity analysis stored them with its standard
     * settings ({@link LayerSensitivityAnalysis#standard}); computes nothing.
     *
     * @param registry the installed analyses
     * @param version the version
     * @param data the project's dataset
     * @param metric the metric's id
     * @return the curves, or empty if they were never measured for these weights and data
     * @throws IOException if the version's files cannot be read
     */
    public static Optional<SensitivityCurves> stored(AnalysisRegistry registry, ModelVersion version, DatasetSpec data,
            String metric) throws IOException {
        return AnalysisService.stored(AnalysisService.request(registry, LayerSensitivityAnalysis.ID,
                LayerSensitivityAnalysis.standard(metric)), List.of(version), data)
                .map(stored -> (SensitivityCurves) stored.result());
    }

    /**
     * Every layer sensitivity stored with a version, whatever its metric and settings, still valid for its
     * weights; computes nothing.
     *
     * @param registry the installed analyses
     * @param version the version
     * @param data the project's dataset
     * @return the curves, in file order
     * @throws IOException if the version's files cannot be read
     */
    public static List<SensitivityCurves> storedAll(AnalysisRegistry registry, ModelVersion version, DatasetSpec data)
            throws IOException {
        return AnalysisService.storedResults(registry, LayerSensitivityAnalysis.ID, version, data).stream()
                .map(stored -> (SensitivityCurves) stored.result()).toList();
    }
}
