package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.sensitivity.LayerSensitivityJob;

/**
 * Second page of the prune wizard: the plan before anything is stored. When the page shows, a job scores
 * the filters on the probe samples and plans exactly as pruning will; the page then lists, per layer
 * (channel group), the channels kept of the original ones, and the parameters and FLOPs of the network
 * the plan leaves, counted from its IR, against the parent's. The same job then prunes a copy in memory,
 * re-estimates its batch norms as pruning will, and shows its test accuracy before fine-tuning: what a
 * child without fine-tuning would have. A plan that cannot be made (a missing dataset, a goal out of
 * reach, a plan that would empty a layer) is said on the page, and Finish stays disabled.
 */
public final class PlanPreviewPage extends WizardPage {

    private static final int BAR_COLUMN = 4;

    private final ModelVersion parent;
    private final String versionName;
    private final PruneSettingsPage settings;
    private final MetricRegistry metrics;
    private final StrategyRegistry strategies;
    private final AnalysisRegistry analyses;
    private Label summary;
    private Button measure;
    private ProgressBar busy;
    private Table table;
    private Color keptColour;
    private Color removedColour;
    private PruningService.PrunePreview preview;
    private PruningService.PrunedAccuracy accuracy;
    /** The summary's lines about the plan, to which the accuracy is added once measured. */
    private String planSummary;
    private PruneChoice previewed;
    private VersionJob job;
    private String problem;

    PlanPreviewPage(ModelVersion parent, String versionName, PruneSettingsPage settings, MetricRegistry metrics,
            StrategyRegistry strategies, AnalysisRegistry analyses) {
        super("preview");
        this.parent = parent;
        this.versionName = versionName;
        this.settings = settings;
        this.metrics = metrics;
        this.strategies = strategies;
        this.analyses = analyses;
        setTitle("Plan for " + versionName);
        setDescription("What pruning keeps of each layer, what the pruned network costs, and how accurate it is "
                + "before fine-tuning. Nothing is stored before Finish.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parentControl) {
        Composite body = new Composite(parentControl, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(body);
        keptColour = new Color(body.getDisplay(), new RGB(31, 111, 120));
        removedColour = new Color(body.getDisplay(), new RGB(226, 226, 226));
        body.addDisposeListener(e -> {
            keptColour.dispose();
            removedColour.dispose();
        });
        summary = new Label(body, SWT.WRAP);
        summary.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).hint(600, 104).applyTo(summary);
        // shown when the strategy plans with a layer sensitivity that was never measured
        measure = new Button(body, SWT.PUSH);
        measure.setText("Measure the layer sensitivity now");
        measure.addListener(SWT.Selection, e -> measureSensitivity());
        GridDataFactory.swtDefaults().exclude(true).applyTo(measure);
        measure.setVisible(false);
        busy = new ProgressBar(body, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(busy);
        busy.setVisible(false);
        table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        ViewExport.csvMenu(table, () -> "prune-plan");
        table.setLinesVisible(true);
        String[] names = {"Layer (channel group)", "Kept", "Original", "Kept %", "Kept of the original"};
        int[] widths = {220, 70, 80, 80, 300};
        for (int i = 0; i < names.length; i++) {
            TableColumn column = new TableColumn(table, i == 0 || i == BAR_COLUMN ? SWT.LEFT : SWT.RIGHT);
            column.setText(names[i]);
            column.setWidth(widths[i]);
        }
        table.addListener(SWT.EraseItem, e -> {
            if (e.index == BAR_COLUMN) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        table.addListener(SWT.PaintItem, this::paintBar);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 260).applyTo(table);
        setControl(body);
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            refresh();
        }
    }

    /** Plans again unless the settings plan as the ones previewed. */
    private void refresh() {
        PruneChoice choice;
        try {
            choice = settings.choice();
        } catch (IllegalArgumentException e) {
            failed(null, e.getMessage());
            return;
        }
        if (preview != null && choice.plansLike(previewed)) {
            previewed = choice;
            return;
        }
        if (job != null) {
            job.cancel();
        }
        preview = null;
        accuracy = null;
        previewed = choice;
        problem = null;
        setErrorMessage(null);
        setPageComplete(false);
        table.removeAll();
        busy.setVisible(true);
        showMeasure(false);
        summary.setText(String.format(Locale.ROOT, "Scoring the filters of %s on %s and planning…", versionName,
                choice.probeSamples() == 0 ? "every training image" : choice.probeSamples() + " training images"));
        Path dir = parent.projectDirectory();
        VersionJob planning = VersionJob.create("Planning the pruning of " + versionName, dir, false, monitor -> {
            DatasetSpec data = VersionJob.dataset(dir);
            PruningService.PruneRequest request = choice.request(metrics, strategies, analyses, parent, data);
            if (request.strategy().descriptor().usesSensitivity() && request.sensitivity() == null) {
                asyncExec(() -> sensitivityMissing(choice));
                return;
            }
            SubMonitor sub = SubMonitor.convert(monitor, 2);
            PruningService.PrunePreview made = PruningService.preview(parent, data, request, VersionJob.runtime(),
                    sub.split(1));
            asyncExec(() -> show(choice, made));
            PruningService.PrunedAccuracy measured = PruningService.accuracyAfterPruning(made, data,
                    choice.batchNormImages(), VersionJob.runtime(), sub.split(1));
            asyncExec(() -> show(choice, measured));
        });
        // the page shows the progress and the failure; the Progress view lists the job
        planning.setUser(false);
        planning.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                planning.problem().ifPresent(message -> asyncExec(() -> failed(choice, message)));
            }
        });
        job = planning;
        planning.schedule();
    }

    /** The strategy plans with curves the parent does not have yet: say so and offer to measure them. */
    private void sensitivityMissing(PruneChoice choice) {
        if (choice != previewed) {
            return;
        }
        busy.setVisible(false);
        preview = null;
        accuracy = null;
        problem = strategyName(choice) + " plans with the layers' sensitivity to " + metricName(choice)
                + ", which was never measured for " + versionName + ".";
        summary.setText("Measuring it prunes each layer alone at 10–90 % and evaluates the network on "
                + PruningService.VALIDATION_SAMPLES + " training images; it is stored with the version (also "
                + "Analyse > Layer Sensitivity… in the exploration tree).");
        setErrorMessage(null);
        setMessage(problem, WARNING);
        showMeasure(true);
        setPageComplete(false);
    }

    /**
     * Measures the missing layer sensitivity, as the page's button does, then plans again.
     */
    public void measureSensitivity() {
        PruneChoice choice = previewed;
        showMeasure(false);
        busy.setVisible(true);
        summary.setText("Measuring the layer sensitivity of " + versionName + " to " + metricName(choice)
                + " (see the Progress view)…");
        VersionJob measuring = LayerSensitivityJob.create(parent, versionName, choice.metric(), analyses);
        measuring.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                asyncExec(() -> {
                    if (choice != previewed) {
                        return;
                    }
                    if (measuring.problem().isPresent()) {
                        failed(choice, measuring.problem().get());
                    } else {
                        setMessage(null);
                        preview = null;
                        previewed = null;
                        refresh();
                    }
                });
            }
        });
        measuring.schedule();
    }

    private void showMeasure(boolean shown) {
        if (measure.getVisible() != shown) {
            measure.setVisible(shown);
            ((GridData) measure.getLayoutData()).exclude = !shown;
            measure.getParent().layout();
        }
    }

    private String metricName(PruneChoice choice) {
        return metrics.descriptor(choice.metric()).map(MetricDescriptor::name).orElse(choice.metric());
    }

    private String strategyName(PruneChoice choice) {
        return strategies.descriptor(choice.strategy()).map(d -> d.contribution().name()).orElse(choice.strategy());
    }

    private void asyncExec(Runnable update) {
        if (table != null) {
            ViewJobs.asyncExec(table, update);
        }
    }

    private void failed(PruneChoice choice, String message) {
        if (choice != null && choice != previewed) {
            return;
        }
        busy.setVisible(false);
        showMeasure(false);
        setMessage(null);
        preview = null;
        accuracy = null;
        problem = "No version can be made: " + message;
        summary.setText("The plan cannot be computed with these settings; go Back to change them.");
        setErrorMessage(problem);
        setPageComplete(false);
    }

    private void show(PruneChoice choice, PruningService.PrunePreview made) {
        if (choice != previewed) {
            return;
        }
        busy.setVisible(false);
        preview = made;
        table.removeAll();
        int kept = 0;
        int all = 0;
        for (ChannelGroup group : made.groups()) {
            int k = made.kept(group);
            kept += k;
            all += group.channels();
            TableItem item = new TableItem(table, SWT.NONE);
            String name = group.producers().size() > 1 ? group.id() + " (" + String.join(", ", group.producers()) + ")"
                    : group.id();
            item.setText(new String[] {name, String.valueOf(k), String.valueOf(group.channels()),
                    String.format(Locale.ROOT, "%.1f %%", 100.0 * k / group.channels()), ""});
            item.setData(group);
        }
        Complexity before = made.before();
        Complexity after = made.after();
        planSummary = String.format(Locale.ROOT,
                "%s%nKeeps %d of %d channels (%.1f %%).%nParameters: %,d → %,d (%.1f %% of the parent).%n"
                        + "FLOPs: %,d → %,d (%.1f %% of the parent).",
                how(choice), kept, all, 100.0 * kept / Math.max(1, all), before.parameters(), after.parameters(),
                100.0 * after.parameters() / before.parameters(), before.flops(), after.flops(),
                100.0 * after.flops() / before.flops());
        summary.setText(planSummary + String.format(Locale.ROOT, "%nAccuracy after pruning: measuring on the test "
                + "set%s…", choice.batchNormImages() == 0 ? "" : " after re-estimating the batch norms"));
        setErrorMessage(null);
        setPageComplete(true);
    }

    private void show(PruneChoice choice, PruningService.PrunedAccuracy measured) {
        if (choice != previewed || preview == null) {
            return;
        }
        accuracy = measured;
        summary.setText(planSummary + String.format(Locale.ROOT,
                "%nAccuracy after pruning, before fine-tuning: %.1f %% on %,d test images (the parent: %.1f %%); %s.",
                100 * measured.accuracy(), measured.testImages(), 100 * parent.evaluation().accuracy(),
                measured.batchNormImages() > 0
                        ? "batch norms re-estimated on " + measured.batchNormImages() + " training images"
                        : "batch norms as the parent's"));
    }

    /** The metric, the strategy and its goal, in words. */
    private String how(PruneChoice choice) {
        String metric = metricName(choice);
        String strategy = strategyName(choice);
        String goal = strategies.describeSettings(choice.strategy(), choice.strategySettings());
        String how = String.format(Locale.ROOT, "%s ranks the filters; %s%s; at least %d channel%s per layer%s.",
                metric, strategy, goal.isEmpty() ? "" : " (" + goal + ")", choice.minChannels(),
                choice.minChannels() == 1 ? "" : "s", choice.maxRemoved() < 1
                        ? String.format(Locale.ROOT, ", at most %.0f %% of one removed", 100 * choice.maxRemoved()) : "");
        return choice.steps() <= 1 ? how : how + String.format(Locale.ROOT, " In %d steps, each re-scored, pruned and "
                + "fine-tuned into a version: below, the whole goal in one step.", choice.steps());
    }

    private void paintBar(Event e) {
        if (e.index != BAR_COLUMN || !(e.item.getData() instanceof ChannelGroup group) || preview == null) {
            return;
        }
        int widest = preview.groups().stream().mapToInt(ChannelGroup::channels).max().orElse(1);
        Rectangle cell = ((TableItem) e.item).getBounds(BAR_COLUMN);
        int room = Math.max(1, cell.width - 8);
        int original = room * group.channels() / widest;
        int kept = room * preview.kept(group) / widest;
        e.gc.setBackground(removedColour);
        e.gc.fillRectangle(cell.x + 4, cell.y + 3, Math.max(1, original), cell.height - 6);
        e.gc.setBackground(keptColour);
        e.gc.fillRectangle(cell.x + 4, cell.y + 3, Math.max(1, kept), cell.height - 6);
    }

    /**
     * Whether the preview shown is the plan of the settings on the first page.
     *
     * @return true if Finish would prune as previewed
     */
    boolean isCurrent() {
        if (preview == null) {
            return false;
        }
        try {
            return settings.choice().plansLike(previewed);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The plan shown.
     *
     * @return the preview, or empty while it is computed or when it failed
     */
    public Optional<PruningService.PrunePreview> preview() {
        return Optional.ofNullable(preview);
    }

    /**
     * The accuracy the plan leaves before fine-tuning.
     *
     * @return the accuracy measured, or empty while the plan or the accuracy is computed, or when it failed
     */
    public Optional<PruningService.PrunedAccuracy> accuracy() {
        return Optional.ofNullable(accuracy);
    }

    /**
     * Whether the page offers to measure a missing layer sensitivity.
     *
     * @return true while the button shows
     */
    public boolean offersToMeasure() {
        return measure.getVisible();
    }

    /**
     * Why no plan is shown.
     *
     * @return the message on the page, or empty
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * The table's rows as shown: layer, kept, original, kept %.
     *
     * @return one row per channel group
     */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            rows.add(new String[] {item.getText(0), item.getText(1), item.getText(2), item.getText(3)});
        }
        return rows;
    }

    /**
     * The summary above the table.
     *
     * @return its text
     */
    public String summary() {
        return summary.getText();
    }

    @Override
    public void dispose() {
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }
}
