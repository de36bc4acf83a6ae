package org.prunelab.ui.planning.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.strategies.PlanPrediction;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.LayerSensitivityAnalysis;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PlanApplication;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.SavedPlans;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.AnalysisView;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

import com.google.gson.JsonObject;

/**
 * CNNPruner's pruning plan: a row per prunable layer (channel group) of the selected version with its
 * width and the share to remove, the parameters, FLOPs and accuracy the plan is predicted to leave as the
 * shares change ({@link PlanPrediction}: sizes from the IR, accuracy from the stored layer sensitivity),
 * a goal (parameters, FLOPs or accuracy) whose strategy suggests the shares, and Apply, which prunes (and
 * fine-tunes) the version into a child in a job and then says how far the prediction was.
 */
public final class PlanView extends AnalysisView {

    /** The view's id. */
    public static final String ID = "org.prunelab.ui.views.plan";

    /** The keys under which a row's labels know their group. */
    private static final String KEPT = "kept";
    private static final String LOSS = "loss";

    /** The plan combo's first item: the shares as set, not saved. */
    private static final String UNSAVED = "(not saved)";

    /** Training images the filters are scored on for a suggestion and for Apply, as the prune wizard does. */
    private static final int PROBE_SAMPLES = 2000;

    /** The goals, their strategies and the settings field each sets from the target. */
    private enum Goal {
        PARAMETERS("parameters kept (%)", "org.prunelab.strategies.targetParameters", "keep", 50),
        FLOPS("FLOPs kept (%)", "org.prunelab.strategies.targetFlops", "keep", 50),
        ACCURACY("accuracy loss at most (points)", "org.prunelab.strategies.targetAccuracy", "maxDrop", 2);

        final String label;
        final String strategy;
        final String field;
        final int defaultTarget;

        Goal(String label, String strategy, String field, int defaultTarget) {
            this.label = label;
            this.strategy = strategy;
            this.field = field;
            this.defaultTarget = defaultTarget;
        }

        /** The strategy's settings for a target typed in percent (or points). */
        JsonObject settings(int target) {
            JsonObject settings = new JsonObject();
            settings.addProperty(field, target / 100.0);
            return settings;
        }
    }

    /**
     * What a job read for a version.
     *
     * @param version the version
     * @param network its network
     * @param groups its prunable groups, in network order
     * @param curves every layer sensitivity stored with it
     * @param plans the plans saved for its model
     */
    public record Loaded(ModelVersion version, Network network, List<ChannelGroup> groups,
            List<SensitivityCurves> curves, List<SavedPlans.Plan> plans) {
    }

    private Combo planCombo;
    private Combo metricCombo;
    private Label comparison;
    private Combo goalCombo;
    private Spinner target;
    private Button suggest;
    private Button fineTune;
    private Spinner steps;
    private Button apply;
    private Label prediction;
    private ScrolledComposite rowsScroller;
    private Composite rows;
    private final Map<String, Spinner> shares = new LinkedHashMap<>();
    private List<MetricDescriptor> metrics = List.of();
    private Loaded shown;
    private String pickedGroup;
    private PlanApplication.Applied applied;

    @Override
    protected String nothingSelected() {
        return "Select a version in the Exploration Tree to plan its pruning layer by layer: the share of each layer "
                + "to remove, and the size and accuracy that leaves.";
    }

    @Override
    protected void createContent(Composite parent) {
        planCombo = combo("Plan:", "The plans saved for this model: pick one to reopen it");
        planCombo.addListener(SWT.Selection, e -> reopen());
        Button save = new Button(controls, SWT.PUSH);
        save.setText("Save…");
        save.setToolTipText("Keep these shares under a name in the project, to reopen and compare");
        save.addListener(SWT.Selection, e -> save());
        metricCombo = combo("Metric:", "The metric ranking each layer's channels; its stored layer sensitivity "
                + "predicts the accuracy");
        metricCombo.addListener(SWT.Selection, e -> predict());
        goalCombo = combo("Goal:", "What the suggestion aims at");
        for (Goal goal : Goal.values()) {
            goalCombo.add(goal.label);
        }
        goalCombo.select(0);
        target = new Spinner(controls, SWT.BORDER);
        target.setValues(Goal.PARAMETERS.defaultTarget, 1, 99, 0, 1, 10);
        target.setToolTipText("The goal's value: the share of parameters or FLOPs kept, or the accuracy points the "
                + "plan may lose");
        goalCombo.addListener(SWT.Selection, e -> target.setSelection(goal().defaultTarget));
        suggest = new Button(controls, SWT.PUSH);
        suggest.setText("Suggest");
        suggest.setToolTipText("Fill the shares with the goal's strategy (Target parameters, Target FLOPs or Target "
                + "accuracy), the metric ranking the channels; edit them afterwards");
        suggest.addListener(SWT.Selection, e -> suggest());
        fineTune = new Button(controls, SWT.CHECK);
        fineTune.setText("Fine-tune 1 epoch");
        fineTune.setSelection(true);
        new Label(controls, SWT.NONE).setText("Steps:");
        steps = new Spinner(controls, SWT.BORDER);
        steps.setValues(1, 1, 10, 0, 1, 1);
        steps.setToolTipText("Reach the plan in this many pruned (and fine-tuned) versions, each the child of the one"
                + " before and re-scored by the metric: every layer goes from its width to the plan's in equal ratios");
        apply = new Button(controls, SWT.PUSH);
        apply.setText("Apply");
        apply.setToolTipText("Prune the version with these shares into a new child, in a job; the plan is "
                + "recorded in the child's recipe");
        apply.addListener(SWT.Selection, e -> apply());

        // the figures, the comparison and the rows scroll together: in a short view (1280 × 800) the controls
        // take much of the height, and the rows must stay reachable
        rowsScroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        rowsScroller.setExpandHorizontal(true);
        rowsScroller.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(rowsScroller);
        rows = new Composite(rowsScroller, SWT.NONE);
        rowsScroller.setContent(rows);
        // room on the right for the scroll bar, which GTK draws over the content
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(12, 4).extendedMargins(0, 16, 0, 0).applyTo(rows);
        rowsScroller.addListener(SWT.Resize, e -> fitRows());
        prediction = spanning();
        comparison = spanning();
    }

    @Override
    protected void selected(ISelection selection) {
        versionOrLayer(selection, (version, layer) -> {
            if (shown == null || !version.equals(shown.version())) {
                show(version);
            }
            pickedGroup = layer;
        });
    }

    /**
     * Reads a version's network and stored curves and shows a plan that keeps everything.
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        progress("Reading " + version.id() + "…", shown != null);
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElseThrow();
        metrics = Services.find(MetricRegistry.class).orElseThrow().descriptors();
        reading.read("Plan for " + version.model() + " " + version.id(), version.projectDirectory(),
                monitor -> load(version, analyses, monitor), this::render, reason -> progress(reason, shown != null));
    }

    private static Loaded load(ModelVersion version, AnalysisRegistry analyses, IProgressMonitor monitor)
            throws IOException {
        Network network = ModelFiles.network(version.directory());
        List<ChannelGroup> groups = ChannelGroups.of(network).prunable();
        List<SensitivityCurves> curves = LayerSensitivity.storedAll(analyses, version,
                VersionJob.dataset(version.projectDirectory()));
        return new Loaded(version, network, groups, curves,
                SavedPlans.list(version.projectDirectory(), version.model()));
    }

    private void render(Loaded loaded) {
        boolean sameVersion = shown != null && shown.version().equals(loaded.version());
        Map<String, Integer> before = sameVersion ? currentPercents() : Map.of();
        shown = loaded;
        if (!sameVersion) {
            applied = null;
        }
        String chosen = metricCombo.getSelectionIndex() >= 0 && metricCombo.getItemCount() > 0
                ? metricCombo.getItem(metricCombo.getSelectionIndex()) : null;
        fill(metricCombo, metrics.stream().map(MetricDescriptor::name).toList(), chosen != null ? chosen
                : metrics.stream().filter(m -> m.id().equals(LayerSensitivityAnalysis.DEFAULT_METRIC))
                        .map(MetricDescriptor::name).findFirst().orElse(null));
        List<String> planItems = new ArrayList<>(List.of(UNSAVED));
        loaded.plans().forEach(plan -> planItems.add(plan.name()));
        String shownPlan = planCombo.getSelectionIndex() > 0 ? planCombo.getItem(planCombo.getSelectionIndex()) : null;
        fill(planCombo, planItems, sameVersion ? shownPlan : null);
        for (var child : rows.getChildren()) {
            child.dispose();
        }
        prediction = spanning();
        comparison = spanning();
        shares.clear();
        header("Layer (channel group)");
        header("Channels");
        header("Remove (%)");
        header("Kept");
        header("Loss (points)");
        for (ChannelGroup group : loaded.groups()) {
            Label name = new Label(rows, SWT.NONE);
            name.setText(group.producers().size() > 1 ? group.id() + " (" + String.join(", ", group.producers()) + ")"
                    : group.id());
            Label width = new Label(rows, SWT.NONE);
            width.setText(String.valueOf(group.channels()));
            GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(width);
            Spinner share = new Spinner(rows, SWT.BORDER);
            share.setValues(before.getOrDefault(group.id(), 0), 0, 99, 0, 5, 10);
            share.addListener(SWT.Modify, e -> predict());
            // the wheel scrolls the rows; it changes a share only in the spinner being edited
            share.addListener(SWT.MouseVerticalWheel, e -> e.doit = share.isFocusControl());
            shares.put(group.id(), share);
            Label kept = new Label(rows, SWT.NONE);
            kept.setData(KEPT, group.id());
            GridDataFactory.swtDefaults().hint(80, SWT.DEFAULT).applyTo(kept);
            Label loss = new Label(rows, SWT.NONE);
            loss.setData(LOSS, group.id());
            GridDataFactory.swtDefaults().hint(90, SWT.DEFAULT).applyTo(loss);
        }
        rows.layout(true, true);
        predict();
    }

    /** A wrapping label across the rows' columns. */
    private Label spanning() {
        Label label = new Label(rows, SWT.WRAP);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(label);
        return label;
    }

    /** The rows' height at the scroller's width: the wrapped text decides it. */
    private void fitRows() {
        int width = rowsScroller.getClientArea().width;
        if (width > 0) {
            rowsScroller.setMinSize(rows.computeSize(width, SWT.DEFAULT));
        }
        rows.layout(true, true);
    }

    private void header(String text) {
        Label label = new Label(rows, SWT.NONE);
        label.setText(text);
        label.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
    }

    private Goal goal() {
        return Goal.values()[Math.max(0, goalCombo.getSelectionIndex())];
    }

    private MetricDescriptor metric() {
        int index = metricCombo.getSelectionIndex();
        return index < 0 || index >= metrics.size() ? null : metrics.get(index);
    }

    private Map<String, Integer> currentPercents() {
        Map<String, Integer> out = new LinkedHashMap<>();
        shares.forEach((group, spinner) -> out.put(group, spinner.getSelection()));
        return out;
    }

    /**
     * The shares set, as fractions.
     *
     * @return group id to the share removed
     */
    public Map<String, Double> shares() {
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach((group, spinner) -> out.put(group, spinner.getSelection() / 100.0));
        return out;
    }

    /**
     * Sets the shares, as the spinners do, for tests and for a suggestion.
     *
     * @param fractions group id to the share removed; groups not named keep all
     */
    public void setShares(Map<String, Double> fractions) {
        shares.forEach((group, spinner) -> spinner.setSelection((int) Math.round(100 * fractions.getOrDefault(group,
                0.0))));
        predict();
    }

    /** The curves of the chosen metric at the standard settings, the ones pruning toward an accuracy uses. */
    private SensitivityCurves curves() {
        MetricDescriptor metric = metric();
        if (shown == null || metric == null) {
            return null;
        }
        LayerSensitivityAnalysis.Settings standard = LayerSensitivityAnalysis.standard(metric.id());
        return shown.curves().stream().filter(c -> c.metric().equals(metric.id())
                && c.ratios().equals(standard.ratios()) && c.samples() <= standard.samples()).findFirst()
                .orElse(shown.curves().stream().filter(c -> c.metric().equals(metric.id())).findFirst().orElse(null));
    }

    /**
     * Predicts the plan as set. The prediction counts the network's IR and interpolates the curves: it takes
     * microseconds, so it follows every change of a share on the spot.
     */
    private void predict() {
        if (shown == null) {
            return;
        }
        SensitivityCurves curves = curves();
        String text;
        try {
            PlanPrediction p = PlanPrediction.of(shown.network(), shares(), curves);
            Map<String, Double> set = shares();
            for (var child : rows.getChildren()) {
                if (child instanceof Label label && label.getData(KEPT) instanceof String group) {
                    label.setText(String.valueOf(p.kept().get(group)));
                }
                if (child instanceof Label label && label.getData(LOSS) instanceof String group) {
                    double share = set.getOrDefault(group, 0.0);
                    label.setText(curves == null || !curves.accuracy().containsKey(group) ? "—"
                            : share == 0 ? "0" : String.format(Locale.ROOT, "%.1f", 100 * curves.drop(group, share)));
                }
            }
            text = String.format(Locale.ROOT, "Parameters %,d → %,d (%.1f %%) · FLOPs %,d → %,d (%.1f %%) · ",
                    p.before().parameters(), p.after().parameters(),
                    100.0 * p.after().parameters() / p.before().parameters(), p.before().flops(), p.after().flops(),
                    100.0 * p.after().flops() / p.before().flops());
            text += curves == null ? "no layer sensitivity of " + (metric() == null ? "this metric" : metric().name())
                    + " is stored: measure it (Layer Sensitivity view) to predict the accuracy"
                    : String.format(Locale.ROOT, "predicted accuracy %.1f %% (unpruned %.1f %%; the layers' losses "
                            + "added, from their sensitivity on %,d training images)", 100 * p.accuracy(),
                            100 * p.baseAccuracy(), curves.samples());
            apply.setEnabled(p.after().parameters() < p.before().parameters());
        } catch (IllegalArgumentException e) {
            text = "This plan cannot be applied: " + e.getMessage();
            apply.setEnabled(false);
        }
        if (applied != null) {
            String made = applied.made().size() == 1 ? applied.child().id() : applied.child().id() + " in "
                    + applied.made().size() + " steps (" + String.join(", ", applied.made().stream()
                            .map(ModelVersion::id).toList()) + ")";
            text += String.format(Locale.ROOT, "%nApplied as %s: predicted %.1f %%, the plan measured %.1f %% before "
                    + "fine-tuning on the same %,d training images (error %+.1f points).", made,
                    100 * applied.predicted(), 100 * applied.measured(), applied.samples(), 100 * applied.error());
        }
        showPage(shown.version().id() + ": " + shown.groups().size() + " prunable layers. Set the share of each "
                + "to remove, or Suggest from a goal; Apply prunes the version into a child.");
        prediction.setText(text);
        comparison.setText(compare(curves));
        fitRows();
    }

    /** Every saved plan predicted for the version shown, one a line, to compare them with the one set. */
    private String compare(SensitivityCurves curves) {
        if (shown.plans().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Saved plans on " + shown.version().id() + ":");
        for (SavedPlans.Plan plan : shown.plans()) {
            text.append("\n  ").append(plan.name()).append(" (made for ").append(plan.version()).append("): ");
            try {
                PlanPrediction p = PlanPrediction.of(shown.network(), known(plan.shares()), curves);
                text.append(String.format(Locale.ROOT, "parameters %.1f %%, FLOPs %.1f %%",
                        100.0 * p.after().parameters() / p.before().parameters(),
                        100.0 * p.after().flops() / p.before().flops()));
                if (curves != null) {
                    text.append(String.format(Locale.ROOT, ", predicted accuracy %.1f %%", 100 * p.accuracy()));
                }
            } catch (IllegalArgumentException e) {
                text.append("does not fit: ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    /** The shares of a saved plan for the layers this version has. */
    private Map<String, Double> known(Map<String, Double> planned) {
        Map<String, Double> out = new LinkedHashMap<>();
        planned.forEach((group, share) -> {
            if (shares.containsKey(group)) {
                out.put(group, share);
            }
        });
        return out;
    }

    private void reopen() {
        int index = planCombo.getSelectionIndex();
        if (shown == null || index <= 0) {
            return;
        }
        SavedPlans.Plan plan = shown.plans().get(index - 1);
        int metric = metrics.stream().map(MetricDescriptor::id).toList().indexOf(plan.metric());
        if (metric >= 0) {
            metricCombo.select(metric);
        }
        setShares(known(plan.shares()));
    }

    private void save() {
        if (shown == null || metric() == null) {
            return;
        }
        String suggested = "plan-" + (shown.plans().size() + 1);
        InputDialog ask = new InputDialog(rows.getShell(), "Save Plan", "Name of the plan (kept in the project for "
                + "model " + shown.version().model() + "; a plan of that name is replaced):", suggested, name -> {
                    try {
                        new SavedPlans.Plan(name, "v", "m", Map.of());
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                });
        if (ask.open() != Window.OK) {
            return;
        }
        savePlan(ask.getValue());
    }

    /**
     * Saves the shares set under a name, as Save… does, then reads the view again.
     *
     * @param name the plan's name
     */
    public void savePlan(String name) {
        ModelVersion version = shown.version();
        SavedPlans.Plan plan = new SavedPlans.Plan(name, version.id(), metric().id(), shares());
        reading.read("Saving plan " + name, version.projectDirectory(), monitor -> {
            SavedPlans.save(version.projectDirectory(), version.model(), plan);
            return load(version, Services.find(AnalysisRegistry.class).orElseThrow(), monitor);
        }, loaded -> {
            render(loaded);
            planCombo.select(1 + loaded.plans().stream().map(SavedPlans.Plan::name).toList().indexOf(name));
        }, reason -> progress(reason, true));
    }

    /**
     * Reopens a saved plan, as picking it in the Plan combo does.
     *
     * @param name the plan's name
     */
    public void reopenPlan(String name) {
        planCombo.select(planCombo.indexOf(name));
        reopen();
    }

    /**
     * The comparison of the saved plans, for tests.
     *
     * @return one line per saved plan after a heading, or empty
     */
    public String comparison() {
        return comparison.getText();
    }

    private PruningService.PruneRequest request(String strategy, JsonObject settings, boolean withFineTune) {
        MetricRegistry metricRegistry = Services.find(MetricRegistry.class).orElseThrow();
        StrategyRegistry strategies = Services.find(StrategyRegistry.class).orElseThrow();
        // the shares set by hand are the plan: no ceiling; a suggestion toward a goal has the usual one
        return new PruningService.PruneRequest(MetricScoring.request(metricRegistry, metric().id()),
                Planning.request(strategies, strategy, settings), 1,
                withFineTune ? TrainingSettings.adam(1, 1) : null, PROBE_SAMPLES, curves(),
                PruningService.BATCH_NORM_IMAGES, strategy.equals("org.prunelab.strategies.layerShares")
                        ? PlanningContext.NO_CEILING : PruningService.MAX_REMOVED);
    }

    private void suggest() {
        if (shown == null || metric() == null) {
            return;
        }
        Goal goal = goal();
        if (goal == Goal.ACCURACY && curves() == null) {
            progress("A target accuracy plans with the layer sensitivity of " + metric().name() + ", which is not "
                    + "stored for " + shown.version().id() + ": measure it in the Layer Sensitivity view first.",
                    true);
            return;
        }
        PruningService.PruneRequest request = request(goal.strategy, goal.settings(target.getSelection()), false);
        ModelVersion version = shown.version();
        progress("Suggesting a plan for " + version.id() + " (" + goal.label + " " + target.getSelection() + ")…", true);
        reading.read("Suggesting a plan for " + version.id(), version.projectDirectory(), monitor -> {
            PruningService.PrunePreview preview = PruningService.preview(version,
                    VersionJob.dataset(version.projectDirectory()), request, VersionJob.runtime(), monitor);
            Map<String, Double> suggested = new LinkedHashMap<>();
            for (ChannelGroup group : preview.groups()) {
                suggested.put(group.id(), 1 - (double) preview.kept(group) / group.channels());
            }
            return suggested;
        }, this::setShares, reason -> progress(reason, true));
    }

    private void apply() {
        if (shown == null || metric() == null) {
            return;
        }
        JsonObject settings = new JsonObject();
        JsonObject byLayer = new JsonObject();
        shares().forEach((group, share) -> {
            if (share > 0) {
                byLayer.addProperty(group, share);
            }
        });
        settings.add("shares", byLayer);
        PruningService.PruneRequest request = request("org.prunelab.strategies.layerShares", settings,
                fineTune.getSelection());
        SensitivityCurves curves = curves();
        double predicted = curves == null ? Double.NaN
                : PlanPrediction.of(shown.network(), shares(), curves).accuracy();
        ModelVersion version = shown.version();
        Path dir = version.projectDirectory();
        int stepCount = steps.getSelection();
        progress("Applying the plan to " + version.id() + " (see the Progress view)…", true);
        int epochs = request.fineTune() == null ? 0 : request.fineTune().epochs();
        VersionJob job = VersionJob.training("Applying a plan to " + version.model() + "/" + version.id(), dir,
                version.model(), version.id(), epochs, (listener, monitor) -> {
                    PlanApplication.Applied made = PlanApplication.apply(new VersionStore(dir), version,
                            VersionJob.dataset(dir), request, stepCount, predicted, listener, VersionJob.runtime(),
                            monitor);
                    ViewJobs.asyncExec(rows, () -> {
                        applied = made;
                        predict();
                    });
                });
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                job.problem().ifPresent(reason -> ViewJobs.asyncExec(rows, () -> progress("The plan was not applied: "
                        + reason, true)));
            }
        });
        job.schedule();
    }

    /**
     * What the last Apply made, for tests.
     *
     * @return the child and the prediction's error, or null
     */
    public PlanApplication.Applied applied() {
        return applied;
    }

    /**
     * Applies the plan as the button does, for tests.
     */
    public void applyPlan() {
        apply();
    }

    /**
     * Sets how many steps Apply takes, for tests.
     *
     * @param count steps, at least 1
     */
    public void setSteps(int count) {
        steps.setSelection(count);
    }

    /**
     * Sets whether Apply fine-tunes, for tests.
     *
     * @param on true to fine-tune one epoch
     */
    public void setFineTune(boolean on) {
        fineTune.setSelection(on);
    }

    /**
     * The text under the controls: the sizes and the accuracy predicted.
     *
     * @return the text
     */
    public String prediction() {
        return prediction.getText();
    }

    /**
     * What the view shows, for tests.
     *
     * @return the loaded version, or null
     */
    public Loaded loaded() {
        return shown;
    }

    @Override
    public ISelection getSelection() {
        if (shown == null) {
            return StructuredSelection.EMPTY;
        }
        return new StructuredSelection(pickedGroup == null ? shown.version()
                : new SelectedLayer(shown.version(), pickedGroup));
    }

    @Override
    protected ModelVersion shownVersion() {
        return shown == null ? null : shown.version();
    }

    @Override
    protected void clear() {
        shown = null;
        applied = null;
    }

    @Override
    public List<List<String>> table() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("layer", "channels", "share_removed", "kept"));
        if (shown == null) {
            return out;
        }
        Map<String, Integer> kept;
        try {
            kept = PlanPrediction.of(shown.network(), shares(), null).kept();
        } catch (IllegalArgumentException e) {
            kept = Map.of();
        }
        for (ChannelGroup group : shown.groups()) {
            out.add(List.of(group.id(), String.valueOf(group.channels()), number(shares().get(group.id())),
                    String.valueOf(kept.getOrDefault(group.id(), group.channels()))));
        }
        return out;
    }

    @Override
    protected String exportName() {
        return shown == null ? "plan" : "plan-" + shown.version().model() + "-" + shown.version().id();
    }
}
