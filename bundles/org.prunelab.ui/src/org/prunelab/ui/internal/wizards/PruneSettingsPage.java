package org.prunelab.ui.internal.wizards;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyDescriptor;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.PruningService;
import org.prunelab.ui.internal.lineage.TrainingScheduleFields;

/**
 * First page of the prune wizard: the importance metric (every installed one, plug-ins included), the
 * strategy with its goal, the fewest channels a layer keeps, the probe samples, the images the batch norms
 * are re-estimated on after the surgery, and the fine-tuning schedule, if any.
 */
public final class PruneSettingsPage extends WizardPage {

    /** The metric chosen first, if installed: the classic L1 norm of filter weights. */
    static final String DEFAULT_METRIC = "org.prunelab.metrics.weightL1";
    /** The strategy chosen first, if installed. */
    static final String DEFAULT_STRATEGY = "org.prunelab.strategies.uniform";
    /** Training images the probe pass sees by default: enough for stable scores, seconds on a CPU. */
    static final int PROBE_SAMPLES = 2000;

    private final MetricRegistry metrics;
    private final StrategyRegistry strategies;
    private Table metricTable;
    private Label metricDescription;
    private SettingsForm metricForm;
    private Combo strategyCombo;
    private Label strategyDescription;
    private SettingsForm goalForm;
    private ScrolledComposite scroller;
    private Composite body;
    private Spinner minChannels;
    private Spinner maxRemoved;
    private Spinner probeSamples;
    private Spinner batchNormImages;
    private Spinner steps;
    private Button fineTune;
    private TrainingScheduleFields schedule;
    /** Why the chosen metric's or strategy's settings cannot be shown, if they cannot. */
    private String metricProblem;
    private String strategyProblem;

    PruneSettingsPage(String versionName, MetricRegistry metrics, StrategyRegistry strategies) {
        super("settings");
        this.metrics = metrics;
        this.strategies = strategies;
        setTitle("Prune " + versionName);
        setDescription("Choose how filters are ranked, how many go, and how the pruned network is fine-tuned.");
    }

    @Override
    public void createControl(Composite parent) {
        // a screen too short for the page (1280 × 800) scrolls it rather than cut the fine-tuning off
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        body = new Composite(scroller, SWT.NONE);
        scroller.setContent(body);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(false).spacing(14, 8).applyTo(body);

        Group metricGroup = new Group(body, SWT.NONE);
        metricGroup.setText("Importance metric");
        GridLayoutFactory.swtDefaults().applyTo(metricGroup);
        GridDataFactory.fillDefaults().grab(true, true).hint(430, SWT.DEFAULT).applyTo(metricGroup);
        metricTable = new Table(metricGroup, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        metricTable.setHeaderVisible(true);
        new TableColumn(metricTable, SWT.LEFT).setText("Metric");
        new TableColumn(metricTable, SWT.LEFT).setText("Category");
        new TableColumn(metricTable, SWT.LEFT).setText("Description");
        for (MetricDescriptor descriptor : metrics.descriptors()) {
            TableItem item = new TableItem(metricTable, SWT.NONE);
            item.setText(new String[] {descriptor.name(), descriptor.contribution().category(),
                    descriptor.contribution().description()});
            item.setData(descriptor);
        }
        metricTable.getColumn(0).setWidth(265);
        metricTable.getColumn(1).setWidth(90);
        metricTable.getColumn(2).setWidth(400);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 190).applyTo(metricTable);
        metricDescription = wrapping(metricGroup, 70);
        metricForm = new SettingsForm(metricGroup, this::validate);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(metricForm.control());
        metricTable.addListener(SWT.Selection, e -> metricChosen());

        Composite right = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        GridDataFactory.fillDefaults().grab(true, true).hint(380, SWT.DEFAULT).applyTo(right);

        Group strategyGroup = new Group(right, SWT.NONE);
        strategyGroup.setText("Strategy and goal");
        GridLayoutFactory.swtDefaults().applyTo(strategyGroup);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(strategyGroup);
        strategyCombo = new Combo(strategyGroup, SWT.READ_ONLY);
        for (StrategyDescriptor descriptor : strategies.descriptors()) {
            strategyCombo.add(descriptor.contribution().name());
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(strategyCombo);
        strategyDescription = wrapping(strategyGroup, 58);
        goalForm = new SettingsForm(strategyGroup, this::validate);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(goalForm.control());
        strategyCombo.addListener(SWT.Selection, e -> strategyChosen());

        Group limits = new Group(right, SWT.NONE);
        limits.setText("Limits");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(limits);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(limits);
        new Label(limits, SWT.NONE).setText("Fewest &channels per layer:");
        minChannels = new Spinner(limits, SWT.BORDER);
        minChannels.setValues(1, 1, 4096, 0, 1, 8);
        new Label(limits, SWT.NONE).setText("Most &removed of a layer (%):");
        maxRemoved = new Spinner(limits, SWT.BORDER);
        maxRemoved.setValues((int) Math.round(100 * PruningService.MAX_REMOVED), 1, 100, 0, 5, 10);
        maxRemoved.setToolTipText("No layer loses more than this share of its channels, whatever the strategy "
                + "ranks: a global ranking cannot empty a cheap layer (100 = no ceiling)");
        new Label(limits, SWT.NONE).setText("&Probe samples (0 = all):");
        probeSamples = new Spinner(limits, SWT.BORDER);
        probeSamples.setValues(PROBE_SAMPLES, 0, 10_000_000, 0, 500, 5000);
        probeSamples.setToolTipText("Training images the metric is computed on, every class in its share");
        new Label(limits, SWT.NONE).setText("&Batch-norm images (0 = off):");
        batchNormImages = new Spinner(limits, SWT.BORDER);
        batchNormImages.setValues(PruningService.BATCH_NORM_IMAGES, 0, 10_000_000, 0, 500, 5000);
        batchNormImages.setToolTipText("Images for batch-norm re-estimation. After the surgery every layer's input "
                + "has changed: the batch norms' running "
                + "statistics are recomputed on this many training images, every class in its share, without "
                + "training, before fine-tuning and before the accuracy is measured");
        new Label(limits, SWT.NONE).setText("&Steps:");
        steps = new Spinner(limits, SWT.BORDER);
        steps.setValues(1, 1, 20, 0, 1, 5);
        steps.setToolTipText("Reach the goal in steps (iterative pruning): a share s kept overall becomes s^(1/steps) "
                + "per step, each step re-scored, pruned and fine-tuned into a version of its own; for strategies "
                + "with a ratio or a keep share");
        steps.addListener(SWT.Modify, e -> validate());

        // under both columns, its fields two by two: the page fits a 1280 × 800 screen
        Group tuning = new Group(body, SWT.NONE);
        tuning.setText("Fine-tuning");
        GridLayoutFactory.swtDefaults().applyTo(tuning);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(tuning);
        fineTune = new Button(tuning, SWT.CHECK);
        fineTune.setText("&Fine-tune the pruned network");
        fineTune.setSelection(true);
        schedule = new TrainingScheduleFields(tuning, this::validate, 2, true);
        fineTune.addListener(SWT.Selection, e -> {
            schedule.setEnabled(fineTune.getSelection());
            validate();
        });

        select(metricTable, DEFAULT_METRIC);
        metricChosen();
        List<StrategyDescriptor> all = strategies.descriptors();
        int strategy = indexOf(all.stream().map(StrategyDescriptor::id).toList(), DEFAULT_STRATEGY);
        if (!all.isEmpty()) {
            strategyCombo.select(strategy);
            strategyChosen();
        }
        setControl(scroller);
        refit();
        validate();
    }

    /** Lets the scroller know the page's height, which the chosen metric's and strategy's settings change. */
    private void refit() {
        scroller.setMinSize(body.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    private static Label wrapping(Composite parent, int height) {
        Label label = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, height).applyTo(label);
        return label;
    }

    private static void select(Table table, String id) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getData() instanceof MetricDescriptor d && d.id().equals(id)) {
                table.setSelection(i);
                return;
            }
        }
        if (table.getItemCount() > 0) {
            table.setSelection(0);
        }
    }

    private static int indexOf(List<String> ids, String id) {
        return Math.max(0, ids.indexOf(id));
    }

    private Optional<MetricDescriptor> metric() {
        TableItem[] items = metricTable.getSelection();
        return items.length == 1 ? Optional.of((MetricDescriptor) items[0].getData()) : Optional.empty();
    }

    private Optional<StrategyDescriptor> strategy() {
        int index = strategyCombo.getSelectionIndex();
        return index < 0 ? Optional.empty() : Optional.of(strategies.descriptors().get(index));
    }

    private void metricChosen() {
        Optional<MetricDescriptor> chosen = metric();
        metricDescription.setText(chosen.map(d -> d.contribution().description() + "  (" + d.id() + ", from "
                + d.contribution().contributor() + ")").orElse(""));
        metricProblem = null;
        try {
            chosen.flatMap(metrics::defaultSettings).ifPresent(metricForm::show);
        } catch (ContributionException e) {
            metricProblem = e.getMessage();
        }
        refit();
        validate();
    }

    private void strategyChosen() {
        Optional<StrategyDescriptor> chosen = strategy();
        strategyDescription.setText(chosen.map(d -> d.contribution().description()).orElse(""));
        strategyProblem = null;
        try {
            chosen.flatMap(strategies::defaultSettings).ifPresent(goalForm::show);
        } catch (ContributionException e) {
            strategyProblem = e.getMessage();
        }
        refit();
        validate();
    }

    private void validate() {
        if (metricForm == null || goalForm == null || schedule == null) {
            return;
        }
        String problem = metric().isEmpty() ? "Choose an importance metric."
                : strategy().isEmpty() ? "Choose a strategy."
                        : metricProblem != null ? metricProblem
                        : strategyProblem != null ? strategyProblem
                        : steps.getSelection() > 1 && !goalForm.json().has("ratio") && !goalForm.json().has("keep")
                                ? "Only a goal with a ratio or a keep share can be reached in steps; set Steps to 1."
                        : metricForm.problem().or(goalForm::problem)
                                .or(() -> fineTune.getSelection() ? schedule.problem() : Optional.empty())
                                .orElse(null);
        setErrorMessage(problem);
        setPageComplete(problem == null);
    }

    /**
     * What the page holds.
     *
     * @return the choice
     * @throws IllegalArgumentException if a value does not parse (the page is then not complete)
     */
    public PruneChoice choice() {
        return new PruneChoice(metric().orElseThrow().id(), metricForm.json(), strategy().orElseThrow().id(),
                goalForm.json(), minChannels.getSelection(), maxRemoved.getSelection() / 100.0,
                probeSamples.getSelection(),
                batchNormImages.getSelection(), fineTune.getSelection() ? schedule.settings() : null,
                steps.getSelection());
    }

    /**
     * Sets the images the batch norms are re-estimated on, as the spinner does.
     *
     * @param count 0 to keep the parent's statistics
     */
    public void setBatchNormImages(int count) {
        batchNormImages.setSelection(count);
        validate();
    }

    /**
     * Sets the number of steps, as the spinner does.
     *
     * @param count 1 for one prune, more for iterative pruning
     */
    public void setSteps(int count) {
        steps.setSelection(count);
        validate();
    }

    /**
     * Chooses a metric, as if clicked.
     *
     * @param id the metric's id
     */
    public void selectMetric(String id) {
        for (int i = 0; i < metricTable.getItemCount(); i++) {
            if (((MetricDescriptor) metricTable.getItem(i).getData()).id().equals(id)) {
                metricTable.setSelection(i);
                metricChosen();
                return;
            }
        }
        throw new IllegalArgumentException("no metric " + id + " is listed");
    }

    /**
     * Chooses a strategy, as if picked.
     *
     * @param id the strategy's id
     */
    public void selectStrategy(String id) {
        int index = strategies.descriptors().stream().map(StrategyDescriptor::id).toList().indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("no strategy " + id + " is listed");
        }
        strategyCombo.select(index);
        strategyChosen();
    }

    /**
     * Types a value of the strategy's goal.
     *
     * @param name the setting, e.g. "ratio"
     * @param value its text
     */
    public void setGoal(String name, String value) {
        goalForm.set(name, value);
    }

    /**
     * The goal's fields as shown.
     *
     * @return a line per field: its label, value and unit, e.g. "Kept: 50 % of the parent"
     */
    public List<String> goalFields() {
        return goalForm.lines();
    }

    /**
     * Ticks or clears the fine-tuning.
     *
     * @param on whether the pruned network is fine-tuned
     */
    public void setFineTune(boolean on) {
        fineTune.setSelection(on);
        schedule.setEnabled(on);
        validate();
    }

    /**
     * The fine-tuning fields.
     *
     * @return the schedule's fields
     */
    public TrainingScheduleFields schedule() {
        return schedule;
    }

    /**
     * The metrics listed, as their table rows show them.
     *
     * @return one "name — description" per installed metric
     */
    public List<String> listedMetrics() {
        return Arrays.stream(metricTable.getItems()).map(i -> i.getText(0) + " — " + i.getText(2)).toList();
    }
}
