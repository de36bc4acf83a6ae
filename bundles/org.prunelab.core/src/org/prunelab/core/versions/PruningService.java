package org.prunelab.core.versions;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.SettingsJson;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.Latency;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.training.BatchNormStatistics;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.TrainingListener;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * Makes model versions: trains a root, or prunes a version (score, plan, surgery, batch-norm re-estimation,
 * fine-tune, evaluate) into a child that records exactly how it was made. The parent is only read; a failed
 * or cancelled job writes nothing.
 */
public final class PruningService {

    /** The id of a model's root version. */
    public static final String ROOT = "base";

    /** Samples per batch of probe passes and evaluations. */
    public static final int BATCH_SIZE = 128;

    /** Training samples (spread over the set) on which sensitivity and accuracy goals are measured. */
    public static final int VALIDATION_SAMPLES = 2000;

    /** What a pruning does with its plan before the surgery when nobody measures it: nothing. */
    private static final BiConsumer<NetworkModel, PruningPlan> UNMEASURED = (model, plan) -> {
    };

    /**
     * Training images (spread over the set) on which a pruned network's batch norms are re-estimated by
     * default: their running statistics describe the parent's layers, not the pruned ones.
     */
    public static final int BATCH_NORM_IMAGES = 4000;

    /** The seed of the order the re-estimation's images run in, so that its batches mix the classes. */
    public static final long BATCH_NORM_SEED = 1;

    /**
     * The largest share of a layer's channels a plan removes by default: a global ranking or a target may
     * take a layer to a fifth of its width, never to a single channel (explicit selections have no ceiling).
     */
    public static final double MAX_REMOVED = 0.8;

    /**
     * What to do to a version.
     *
     * @param metric the importance metric and its settings
     * @param strategy the strategy and its settings
     * @param minChannels the fewest channels any layer keeps
     * @param fineTune the fine-tuning schedule, or null for none
     * @param probeSamples how many training images feed the probe pass (spread evenly); 0 for all
     * @param sensitivity the parent's layer sensitivity (see {@link LayerSensitivity#stored}) for accuracy
     *            goals, or null
     * @param batchNormImages training images (spread evenly) on which the batch norms are re-estimated after
     *            every surgery, before fine-tuning and evaluation; 0 keeps the parent's statistics
     * @param maxRemoved the largest share of a layer's channels the plan removes, in (0, 1]
     *            ({@link PlanningContext#NO_CEILING} for none)
     */
    public record PruneRequest(MetricScoring.Request metric, Planning.Request strategy, int minChannels,
            TrainingSettings fineTune, int probeSamples, SensitivityCurves sensitivity, int batchNormImages,
            double maxRemoved) {

        /** Refuses a negative number of images and a ceiling outside (0, 1]. */
        public PruneRequest {
            if (batchNormImages < 0) {
                throw new IllegalArgumentException("the images for batch-norm re-estimation (batchNormImages) must be "
                        + "at least 0 (0: off), not " + batchNormImages);
            }
            if (!(maxRemoved > 0 && maxRemoved <= 1)) {
                throw new IllegalArgumentException("the largest share of a layer removed (maxRemoved) must be in "
                        + "(0, 1], not " + maxRemoved);
            }
        }

        /**
         * A request with the default ceiling {@link #MAX_REMOVED}.
         *
         * @param metric the importance metric and its settings
         * @param strategy the strategy and its settings
         * @param minChannels the fewest channels any layer keeps
         * @param fineTune the fine-tuning schedule, or null for none
         * @param probeSamples training images for the probe pass; 0 for all
         * @param sensitivity the parent's layer sensitivity for accuracy goals, or null
         * @param batchNormImages training images for batch-norm re-estimation; 0 for none
         */
        public PruneRequest(MetricScoring.Request metric, Planning.Request strategy, int minChannels,
                TrainingSettings fineTune, int probeSamples, SensitivityCurves sensitivity, int batchNormImages) {
            this(metric, strategy, minChannels, fineTune, probeSamples, sensitivity, batchNormImages, MAX_REMOVED);
        }

        /**
         * A request that re-estimates the batch norms on {@link #BATCH_NORM_IMAGES} training images.
         *
         * @param metric the importance metric and its settings
         * @param strategy the strategy and its settings
         * @param minChannels the fewest channels any layer keeps
         * @param fineTune the fine-tuning schedule, or null for none
         * @param probeSamples training images for the probe pass; 0 for all
         * @param sensitivity the parent's layer sensitivity for accuracy goals, or null
         */
        public PruneRequest(MetricScoring.Request metric, Planning.Request strategy, int minChannels,
                TrainingSettings fineTune, int probeSamples, SensitivityCurves sensitivity) {
            this(metric, strategy, minChannels, fineTune, probeSamples, sensitivity, BATCH_NORM_IMAGES);
        }

        /**
         * A request without sensitivity curves, for goals of size, that re-estimates the batch norms on
         * {@link #BATCH_NORM_IMAGES} training images.
         *
         * @param metric the importance metric and its settings
         * @param strategy the strategy and its settings
         * @param minChannels the fewest channels any layer keeps
         * @param fineTune the fine-tuning schedule, or null for none
         * @param probeSamples training images for the probe pass; 0 for all
         */
        public PruneRequest(MetricScoring.Request metric, Planning.Request strategy, int minChannels,
                TrainingSettings fineTune, int probeSamples) {
            this(metric, strategy, minChannels, fineTune, probeSamples, null, BATCH_NORM_IMAGES);
        }
    }

    private PruningService() {
    }

    /**
     * Trains a new root model from scratch and stores it as version "base", with its training history
     * (validation figures on {@link #validation the validation samples} after every epoch).
     *
     * @param store the project's versions
     * @param modelId the new model's id
     * @param network the architecture
     * @param architecture how the architecture was chosen, for the recipe
     * @param data the project's dataset
     * @param settings the training schedule (its seed also seeds the initialisation)
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored version
     * @throws IOException if the version cannot be written
     */
    public static ModelVersion trainRoot(VersionStore store, String modelId, Network network, String architecture,
            DatasetSpec data, TrainingSettings settings, NDManager manager, IProgressMonitor monitor) throws IOException {
        return trainRoot(store, modelId, network, architecture, data, settings, TrainingListener.NONE, manager, monitor);
    }

    /**
     * Trains a new root model from scratch as {@link #trainRoot(VersionStore, String, Network, String, DatasetSpec,
     * TrainingSettings, NDManager, IProgressMonitor) above}, telling a listener how the training goes.
     *
     * @param store the project's versions
     * @param modelId the new model's id
     * @param network the architecture
     * @param architecture how the architecture was chosen, for the recipe
     * @param data the project's dataset
     * @param settings the training schedule (its seed also seeds the initialisation)
     * @param listener told of every epoch and of the running means within it, on this thread
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored version
     * @throws IOException if the version cannot be written
     */
    public static ModelVersion trainRoot(VersionStore store, String modelId, Network network, String architecture,
            DatasetSpec data, TrainingSettings settings, TrainingListener listener, NDManager manager,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Training " + modelId, 100);
        // reserved before the training: a taken id is refused now, not after the epochs
        try (VersionStore.Draft draft = store.reserve(modelId, ROOT);
                NetworkModel model = NetworkModel.initialize(network, manager, settings.seed())) {
            Dataset train = data.train(store.projectDir());
            Dataset test = data.test(store.projectDir());
            Dataset validation = validation(train);
            List<EpochRecord> epochs = ModelTraining.train(model, train, validation, data.normalization(), settings,
                    listener, sub.split(85));
            Evaluation evaluation = evaluate(model, test, data.normalization(), sub.split(15));
            Recipe recipe = new Recipe("trained", null, architecture, null, null, null, null, 0, null, settings,
                    settings.seed(), Instant.now());
            return store.write(draft, model, recipe, evaluation, new TrainingHistory(epochs, validation.size()));
        }
    }

    /**
     * Trains a new model's root version with a manager of its own, closed when done: for callers that hold
     * no native memory (the workbench's jobs).
     *
     * @param store the project's versions
     * @param modelId the new model's id
     * @param network the architecture
     * @param architecture how it was named, for the recipe
     * @param data the dataset
     * @param settings the training schedule
     * @param listener told of every epoch and of the running means within it, on the job's thread
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the stored version
     * @throws IOException if the version cannot be written
     */
    public static ModelVersion trainRoot(VersionStore store, String modelId, Network network, String architecture,
            DatasetSpec data, TrainingSettings settings, TrainingListener listener, ModelRuntime runtime,
            IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return trainRoot(store, modelId, network, architecture, data, settings, listener, manager, monitor);
        }
    }

    /**
     * The teacher of a distilling fine-tuning of a version: the version it was made from.
     *
     * @param store the project's versions
     * @param version the version fine-tuned
     * @return its parent
     * @throws IllegalArgumentException if it has none (a root learns from no one)
     * @throws IOException if the parent cannot be read
     */
    static ModelVersion teacherOf(VersionStore store, ModelVersion version) throws IOException {
        if (version.recipe().parent() == null) {
            throw new IllegalArgumentException("distillation learns from the version " + version.model() + "/"
                    + version.id() + " was made from, and it has none: fine-tune it without distillation");
        }
        return store.version(version.model(), version.recipe().parent());
    }

    /**
     * The validation samples of a training set: {@link #VALIDATION_SAMPLES} of them, every class in its
     * share, spread over each class (see {@link Subsets#spread}).
     *
     * @param train the training set
     * @return the samples sensitivity, accuracy goals and the validation curves of training are measured
     *         on; the set itself if it is not larger
     */
    public static Dataset validation(Dataset train) {
        return Subsets.spread(train, VALIDATION_SAMPLES);
    }

    /**
     * Stores an imported model (weights from elsewhere, e.g. PyTorch) as the root version "base".
     *
     * @param store the project's versions
     * @param modelId the new model's id
     * @param model the imported network and weights
     * @param source where the weights came from, for the recipe
     * @param data the project's dataset
     * @param monitor progress and cancellation
     * @return the stored version
     * @throws IOException if the version cannot be written
     */
    public static ModelVersion storeImported(VersionStore store, String modelId, NetworkModel model, String source,
            DatasetSpec data, IProgressMonitor monitor) throws IOException {
        try (VersionStore.Draft draft = store.reserve(modelId, ROOT)) {
            Evaluation evaluation = evaluate(model, data.test(store.projectDir()), data.normalization(), monitor);
            Recipe recipe = new Recipe("imported", null, source, null, null, null, null, 0, null, null, 0,
                    Instant.now());
            return store.write(draft, model, recipe, evaluation, null);
        }
    }

    /**
     * Prunes a version into a new child version; a fine-tuned child stores the history of its fine-tuning.
     *
     * @param store the project's versions
     * @param parent the version to prune; unchanged
     * @param data the project's dataset (the training set feeds the probe pass and fine-tuning)
     * @param request metric, strategy, minimum width, batch-norm re-estimation, fine-tuning
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion prune(VersionStore store, ModelVersion parent, DatasetSpec data, PruneRequest request,
            NDManager manager, IProgressMonitor monitor) throws IOException {
        return prune(store, parent, data, request, UNMEASURED, TrainingListener.NONE, manager, monitor);
    }

    /**
     * Prunes a version into a new child version, showing the plan, once made, to a caller that wants to
     * measure it on the parent before the surgery (the Plan view's prediction error) without scoring again.
     *
     * @param store the project's versions
     * @param parent the version to prune; unchanged
     * @param data the project's dataset
     * @param request metric, strategy, minimum width, fine-tuning
     * @param planned called with the parent's model and the plan, before the surgery
     * @param listener told of the fine-tuning's epochs and of the running means within them, on this thread
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion prune(VersionStore store, ModelVersion parent, DatasetSpec data, PruneRequest request,
            BiConsumer<NetworkModel, PruningPlan> planned, TrainingListener listener, NDManager manager,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Pruning " + parent.model() + "/" + parent.id(), 100);
        Dataset train = data.train(store.projectDir());
        Dataset test = data.test(store.projectDir());
        try (NetworkModel model = store.load(parent, manager)) {
            Dataset validation = validation(train);
            Planned made = plan(model, train, validation, data, request, sub.split(35));
            PlanningContext planning = made.context();
            PruningPlan plan = made.plan();
            planned.accept(model, plan);
            try (NetworkModel pruned = Surgeon.apply(model, plan, manager)) {
                int reestimated = reestimateBatchNorms(pruned, train, data.normalization(), request.batchNormImages(),
                        sub.split(5));
                TrainingHistory history = null;
                if (request.fineTune() != null) {
                    // the child's history is its own fine-tuning: the parent's training is the parent's
                    // the parent, unpruned, is the teacher a distilling fine-tuning learns from
                    history = new TrainingHistory(ModelTraining.train(pruned, request.fineTune().distills() ? model
                            : null, train, validation, data.normalization(), request.fineTune(), listener,
                            sub.split(45)), validation.size());
                }
                sub.setWorkRemaining(15);
                Evaluation evaluation = evaluate(pruned, test, data.normalization(), sub.split(15));
                Map<String, Integer> kept = new LinkedHashMap<>();
                for (ChannelGroup group : planning.prunableGroups()) {
                    kept.put(group.id(), plan.keptOf(group).size());
                }
                Recipe recipe = new Recipe(request.fineTune() == null ? "pruned" : "pruned and fine-tuned", parent.id(),
                        null, request.metric().descriptor().id(), MetricScoring.settingsJson(request.metric()),
                        request.strategy().descriptor().id(), Planning.settingsJson(request.strategy()),
                        request.minChannels(), kept, reestimated, request.fineTune(),
                        request.fineTune() == null ? 0 : request.fineTune().seed(), Instant.now());
                return store.write(parent.model(), null, pruned, recipe, evaluation,
                        history);
            }
        }
    }

    /**
     * Prunes a version into a new child version, under a manager of its own that is closed when done: what
     * a job calls, so that no caller outside the headless bundles holds native memory.
     *
     * @param store the project's versions
     * @param parent the version to prune; unchanged
     * @param data the project's dataset
     * @param request metric, strategy, minimum width, fine-tuning
     * @param listener told of the fine-tuning's epochs and of the running means within them, on the job's thread
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion prune(VersionStore store, ModelVersion parent, DatasetSpec data, PruneRequest request,
            TrainingListener listener, ModelRuntime runtime, IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return prune(store, parent, data, request, UNMEASURED, listener, manager, monitor);
        }
    }

    /**
     * What pruning a version would do, before any surgery: the plan {@link #prune} would follow (the same
     * scores on the same probe samples, the same strategy) and the size and cost of the network it
     * leaves, counted from the IR.
     *
     * @param parent the version to prune; only read
     * @param data the project's dataset (its training set feeds the probe pass)
     * @param request metric, strategy and minimum width; the fine-tuning is not looked at
     * @param manager the manager under which the parent is loaded
     * @param monitor progress and cancellation
     * @return the preview
     * @throws IOException if the parent cannot be read
     * @throws IllegalArgumentException if the strategy says the goal cannot be reached
     * @throws org.prunelab.core.contributions.ContributionException naming the plug-in if the metric or
     *             the strategy fails, or the plan empties a group
     */
    public static PrunePreview preview(ModelVersion parent, DatasetSpec data, PruneRequest request, NDManager manager,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Planning the pruning of " + parent.model() + "/" + parent.id(), 10);
        Dataset train = data.train(parent.projectDirectory());
        try (NetworkModel model = ModelFiles.load(parent.directory(), manager)) {
            Planned planned = plan(model, train, validation(train), data, request, sub.split(10));
            Network pruned = Surgeon.prune(planned.context().groups(), planned.plan());
            return new PrunePreview(parent, planned.context().prunableGroups(), planned.plan(), pruned,
                    Complexity.of(model.network()), Complexity.of(pruned));
        }
    }

    /**
     * What pruning a version would do, under a manager of its own that is closed when done.
     *
     * @param parent the version to prune; only read
     * @param data the project's dataset
     * @param request metric, strategy and minimum width
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the preview
     * @throws IOException if the parent cannot be read
     */
    public static PrunePreview preview(ModelVersion parent, DatasetSpec data, PruneRequest request,
            ModelRuntime runtime, IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return preview(parent, data, request, manager, monitor);
        }
    }

    /**
     * The test accuracy of the network a previewed plan leaves, before any fine-tuning: the parent pruned by
     * the plan and its batch norms re-estimated as {@link #prune} does both, so that a child pruned with the
     * same request and no fine-tuning has this very accuracy.
     *
     * @param preview the plan, from {@link #preview}
     * @param data the project's dataset
     * @param batchNormImages training images to re-estimate the batch norms on; 0 keeps the parent's statistics
     * @param manager the manager under which the networks are made
     * @param monitor progress and cancellation
     * @return the accuracy, the test images it was measured on and the images the batch norms were
     *         re-estimated on
     * @throws IOException if the parent or the dataset cannot be read
     */
    public static PrunedAccuracy accuracyAfterPruning(PrunePreview preview, DatasetSpec data, int batchNormImages,
            NDManager manager, IProgressMonitor monitor) throws IOException {
        ModelVersion parent = preview.parent();
        SubMonitor sub = SubMonitor.convert(monitor, "Measuring " + parent.model() + "/" + parent.id() + " pruned", 10);
        Dataset train = data.train(parent.projectDirectory());
        Dataset test = data.test(parent.projectDirectory());
        try (NetworkModel model = ModelFiles.load(parent.directory(), manager);
                NetworkModel pruned = Surgeon.apply(model, preview.plan(), manager)) {
            int reestimated = reestimateBatchNorms(pruned, train, data.normalization(), batchNormImages, sub.split(3));
            EvaluationResult result = ModelTraining.evaluate(pruned, test, data.normalization(), BATCH_SIZE,
                    sub.split(7));
            return new PrunedAccuracy(result.accuracy(), test.size(), reestimated);
        }
    }

    /**
     * The test accuracy of the network a previewed plan leaves, under a manager of its own that is closed when
     * done.
     *
     * @param preview the plan, from {@link #preview}
     * @param data the project's dataset
     * @param batchNormImages training images to re-estimate the batch norms on; 0 keeps the parent's statistics
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the accuracy and what it was measured on
     * @throws IOException if the parent or the dataset cannot be read
     */
    public static PrunedAccuracy accuracyAfterPruning(PrunePreview preview, DatasetSpec data, int batchNormImages,
            ModelRuntime runtime, IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return accuracyAfterPruning(preview, data, batchNormImages, manager, monitor);
        }
    }

    /**
     * How accurate a pruned network is before fine-tuning.
     *
     * @param accuracy its test accuracy
     * @param testImages the test images it was measured on
     * @param batchNormImages the training images its batch norms were re-estimated on; 0 if they keep the
     *            parent's statistics
     */
    public record PrunedAccuracy(double accuracy, int testImages, int batchNormImages) {
    }

    /**
     * Re-estimates a pruned network's batch norms (see {@link BatchNormStatistics#reestimate}) on training
     * images spread over the set, every class in its share, run in an order shuffled from
     * {@link #BATCH_NORM_SEED}.
     *
     * @return how many images they were re-estimated on: 0 if none were asked for or the network has no batch
     *         norm
     */
    private static int reestimateBatchNorms(NetworkModel pruned, Dataset train, Normalization normalization,
            int images, IProgressMonitor monitor) {
        if (images == 0) {
            return 0;
        }
        return BatchNormStatistics.reestimate(pruned, Subsets.spread(train, images), normalization, BATCH_SIZE,
                BATCH_NORM_SEED, monitor);
    }

    /**
     * What pruning a version would do.
     *
     * @param parent the version
     * @param groups its prunable channel groups, in network order
     * @param plan the checked plan
     * @param network the network the plan leaves (the IR only: nothing is built)
     * @param before the parent's parameters and MACs
     * @param after those of the pruned network
     */
    public record PrunePreview(ModelVersion parent, List<ChannelGroup> groups, PruningPlan plan, Network network,
            Complexity before, Complexity after) {

        /** Copies the groups. */
        public PrunePreview {
            groups = List.copyOf(groups);
        }

        /**
         * How many channels of a group the plan keeps.
         *
         * @param group one of {@link #groups()}
         * @return the kept channels
         */
        public int kept(ChannelGroup group) {
            return plan.keptOf(group).size();
        }
    }

    /** A checked plan and the context it was made in. */
    private record Planned(PlanningContext context, PruningPlan plan) {
    }

    /** Scores the filters on the probe samples and plans: the part of pruning that changes nothing. */
    private static Planned plan(NetworkModel model, Dataset train, Dataset validation,
            DatasetSpec data, PruneRequest request, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, 35);
        ScoringContext context = ScoringContext.allConvolutions(model, train.classNames());
        Dataset probe = request.probeSamples() > 0 ? Subsets.spread(train, request.probeSamples()) : train;
        Map<String, FilterScores> scores = MetricScoring.score(context, probe, data.normalization(), BATCH_SIZE,
                List.of(request.metric()), sub.split(30));
        PlanningContext planning = PlanningContext.of(model, scores.get(request.metric().descriptor().id()),
                request.minChannels(), request.maxRemoved());
        if (request.sensitivity() != null) {
            // accuracy goals plan with the curves and check their plan on validation samples
            planning = planning.withAccuracy(request.sensitivity(), plan -> LayerSensitivity.accuracy(model, plan,
                    validation, data.normalization(), null));
        }
        return new Planned(planning, Planning.plan(request.strategy(), planning, sub.split(5)));
    }

    /**
     * Prunes in steps: the goal is split into {@code steps} equal shares (a share s of the channels or of
     * the size kept overall becomes s^(1/steps) per step), and each step re-scores the current network,
     * prunes it and fine-tunes it, so the metric judges the filters of the network as it is. Every step is
     * a version, each the child of the one before.
     *
     * @param store the project's versions
     * @param parent the version to start from; unchanged
     * @param data the project's dataset
     * @param request the metric, the whole goal (a strategy whose settings have a {@code ratio}, a
     *            {@code keep} or {@code shares} per layer), the minimum width and the fine-tuning of each step
     * @param steps how many prune + fine-tune steps
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the versions made, in order
     * @throws IOException if a version cannot be written
     * @throws IllegalArgumentException if the strategy's goal cannot be split
     */
    public static List<ModelVersion> pruneIteratively(VersionStore store, ModelVersion parent, DatasetSpec data,
            PruneRequest request, int steps, NDManager manager, IProgressMonitor monitor) throws IOException {
        return pruneIteratively(store, parent, data, request, steps, TrainingListener.NONE, manager, monitor);
    }

    /**
     * Prunes in steps as {@link #pruneIteratively(VersionStore, ModelVersion, DatasetSpec, PruneRequest, int,
     * NDManager, IProgressMonitor) above}, telling a listener how each step's fine-tuning goes (each starts
     * anew: {@link TrainingListener#started} comes once per step).
     *
     * @param store the project's versions
     * @param parent the version to start from; unchanged
     * @param data the project's dataset
     * @param request the metric, the whole goal, the minimum width and the fine-tuning of each step
     * @param steps how many prune + fine-tune steps
     * @param listener told of the fine-tunings' epochs and of the running means within them, on this thread
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the versions made, in order
     * @throws IOException if a version cannot be written
     * @throws IllegalArgumentException if the strategy's goal cannot be split
     */
    public static List<ModelVersion> pruneIteratively(VersionStore store, ModelVersion parent, DatasetSpec data,
            PruneRequest request, int steps, TrainingListener listener, NDManager manager, IProgressMonitor monitor)
            throws IOException {
        if (steps < 1) {
            throw new IllegalArgumentException("the number of steps must be at least 1, not " + steps);
        }
        List<JsonObject> perStep = stepSettings(parent, Planning.settingsJson(request.strategy()).getAsJsonObject(),
                request.strategy().descriptor().id(), steps);
        SubMonitor sub = SubMonitor.convert(monitor, "Pruning in " + steps + " steps", steps);
        List<ModelVersion> made = new ArrayList<>();
        ModelVersion current = parent;
        for (JsonObject settings : perStep) {
            Planning.Request strategy = new Planning.Request(request.strategy().descriptor(),
                    request.strategy().strategy(), SettingsJson.merge(request.strategy().settings(), settings,
                            "strategy " + request.strategy().descriptor().id()));
            PruneRequest step = new PruneRequest(request.metric(), strategy, request.minChannels(), request.fineTune(),
                    request.probeSamples(), null, request.batchNormImages(), request.maxRemoved());
            current = prune(store, current, data, step, UNMEASURED, listener, manager, sub.split(1));
            made.add(current);
        }
        return made;
    }

    /**
     * The settings of each step: a share kept (or removed) overall becomes its steps-th root per step; the
     * shares of a plan per layer become, per step, what takes each layer from its width in the parent to the
     * plan's width in equal ratios, the last step landing on the plan's width exactly.
     */
    private static List<JsonObject> stepSettings(ModelVersion parent, JsonObject whole, String strategy, int steps)
            throws IOException {
        List<JsonObject> perStep = new ArrayList<>();
        if (whole.has("keep") || whole.has("ratio")) {
            JsonObject settings = whole.deepCopy();
            if (whole.has("keep")) {
                settings.addProperty("keep", Math.pow(whole.get("keep").getAsDouble(), 1.0 / steps));
            } else {
                settings.addProperty("ratio", 1 - Math.pow(1 - whole.get("ratio").getAsDouble(), 1.0 / steps));
            }
            for (int i = 0; i < steps; i++) {
                perStep.add(settings);
            }
            return perStep;
        }
        if (!whole.has("shares") || !whole.get("shares").isJsonObject()) {
            throw new IllegalArgumentException("strategy " + strategy
                    + " has no ratio, keep share or shares per layer to split into steps");
        }
        JsonObject shares = whole.getAsJsonObject("shares");
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (ChannelGroup group : ChannelGroups.of(ModelFiles.network(parent.directory())).groups()) {
            if (shares.has(group.id())) {
                widths.put(group.id(), group.channels());
            }
        }
        for (String group : shares.keySet()) {
            if (!widths.containsKey(group)) {
                throw new IllegalArgumentException("the plan names layer '" + group + "', which "
                        + parent.model() + "/" + parent.id() + " has no channel group of");
            }
        }
        Map<String, Integer> before = new LinkedHashMap<>(widths);
        for (int i = 1; i <= steps; i++) {
            JsonObject step = new JsonObject();
            for (Map.Entry<String, Integer> entry : widths.entrySet()) {
                int width = entry.getValue();
                double share = shares.get(entry.getKey()).getAsDouble();
                int planned = width - (int) Math.round(share * width);
                int kept = i == steps ? planned : (int) Math.round(width * Math.pow((double) planned / width,
                        (double) i / steps));
                int current = before.get(entry.getKey());
                step.addProperty(entry.getKey(), (double) (current - kept) / current);
                before.put(entry.getKey(), kept);
            }
            JsonObject settings = whole.deepCopy();
            settings.add("shares", step);
            perStep.add(settings);
        }
        return perStep;
    }

    /**
     * Prunes in steps (see {@link #pruneIteratively(VersionStore, ModelVersion, DatasetSpec, PruneRequest, int,
     * NDManager, IProgressMonitor)}) under a manager of its own that is closed when done.
     *
     * @param store the project's versions
     * @param parent the version to start from; unchanged
     * @param data the project's dataset
     * @param request the metric, the whole goal, the minimum width and the fine-tuning of each step
     * @param steps how many prune + fine-tune steps
     * @param listener told of the fine-tunings' epochs and of the running means within them, on the job's thread
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the versions made, in order
     * @throws IOException if a version cannot be written
     */
    public static List<ModelVersion> pruneIteratively(VersionStore store, ModelVersion parent, DatasetSpec data,
            PruneRequest request, int steps, TrainingListener listener, ModelRuntime runtime, IProgressMonitor monitor)
            throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return pruneIteratively(store, parent, data, request, steps, listener, manager, monitor);
        }
    }

    /**
     * Fine-tunes a version into a new child version, with the history of that fine-tuning.
     *
     * @param store the project's versions
     * @param parent the version to fine-tune; unchanged
     * @param data the project's dataset
     * @param settings the schedule
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion fineTune(VersionStore store, ModelVersion parent, DatasetSpec data,
            TrainingSettings settings, NDManager manager, IProgressMonitor monitor) throws IOException {
        return fineTune(store, parent, data, settings, TrainingListener.NONE, manager, monitor);
    }

    /**
     * Fine-tunes a version into a new child version as {@link #fineTune(VersionStore, ModelVersion, DatasetSpec,
     * TrainingSettings, NDManager, IProgressMonitor) above}, telling a listener how the fine-tuning goes.
     *
     * @param store the project's versions
     * @param parent the version to fine-tune; unchanged
     * @param data the project's dataset
     * @param settings the schedule
     * @param listener told of every epoch and of the running means within it, on this thread
     * @param manager the manager under which models are created
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion fineTune(VersionStore store, ModelVersion parent, DatasetSpec data,
            TrainingSettings settings, TrainingListener listener, NDManager manager, IProgressMonitor monitor)
            throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Fine-tuning " + parent.model() + "/" + parent.id(), 100);
        Dataset train = data.train(store.projectDir());
        Dataset test = data.test(store.projectDir());
        Dataset validation = validation(train);
        // a distilling fine-tuning learns from the version this one was made from (the one it was pruned from)
        ModelVersion teacherVersion = settings.distills() ? teacherOf(store, parent) : null;
        try (NetworkModel model = store.load(parent, manager);
                NetworkModel teacher = teacherVersion == null ? null : store.load(teacherVersion, manager)) {
            List<EpochRecord> epochs = ModelTraining.train(model, teacher, train, validation, data.normalization(),
                    settings, listener, sub.split(85));
            Evaluation evaluation = evaluate(model, test, data.normalization(), sub.split(15));
            Recipe recipe = new Recipe("fine-tuned", parent.id(), null, null, null, null, null, 0, null, settings,
                    settings.seed(), Instant.now());
            return store.write(parent.model(), null, model, recipe, evaluation,
                    new TrainingHistory(epochs, validation.size()));
        }
    }

    /**
     * Fine-tunes a version into a new child version, under a manager of its own that is closed when done.
     *
     * @param store the project's versions
     * @param parent the version to fine-tune; unchanged
     * @param data the project's dataset
     * @param settings the schedule
     * @param listener told of every epoch and of the running means within it, on the job's thread
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the child cannot be written
     */
    public static ModelVersion fineTune(VersionStore store, ModelVersion parent, DatasetSpec data,
            TrainingSettings settings, TrainingListener listener, ModelRuntime runtime, IProgressMonitor monitor)
            throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return fineTune(store, parent, data, settings, listener, manager, monitor);
        }
    }

    /**
     * Evaluates a model: test performance, size, FLOPs and measured latency.
     *
     * @param model the model
     * @param test the test set
     * @param normalization applied to the images
     * @param monitor progress and cancellation
     * @return the evaluation (bytes 0 until stored)
     */
    public static Evaluation evaluate(NetworkModel model, Dataset test, Normalization normalization,
            IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Evaluating", 10);
        EvaluationResult result = ModelTraining.evaluate(model, test, normalization, BATCH_SIZE, sub.split(8));
        Complexity complexity = Complexity.of(model.network());
        Latency one = Latency.measure(model, 1, 10, 51);
        sub.split(1);
        Latency many = Latency.measure(model, 64, 3, 11);
        sub.split(1);
        return new Evaluation(result.accuracy(), result.loss(), result.perClassAccuracy(), result.confusion(),
                complexity.parameters(), complexity.flops(), one.medianMillis(), many.medianMillis(), one.threads(), 0);
    }
}
