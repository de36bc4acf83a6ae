package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.wizard.Wizard;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;

/**
 * Prunes a version into a new child (NetPrune, CNNPruner): the first page chooses the metric, the strategy
 * and its goal, the minimum width and the fine-tuning; the second previews the plan. Finish runs the
 * pruning service in a job of the project (progress in the Progress view, cancellable; a cancelled or
 * failed job writes nothing), and the exploration tree shows the child when it is stored.
 */
public final class PruneWizard extends Wizard {

    private final ModelVersion parent;
    private final String versionName;
    private final MetricRegistry metrics;
    private final StrategyRegistry strategies;
    private final AnalysisRegistry analyses;
    private PruneSettingsPage settingsPage;
    private PlanPreviewPage previewPage;
    private VersionJob pruning;

    /**
     * Creates the wizard.
     *
     * @param parent the version to prune
     * @param versionName how the version is named in titles
     * @param metrics the installed metrics
     * @param strategies the installed strategies
     * @param analyses the installed analyses, where the layer sensitivity is found and measured
     */
    public PruneWizard(ModelVersion parent, String versionName, MetricRegistry metrics, StrategyRegistry strategies,
            AnalysisRegistry analyses) {
        this.parent = parent;
        this.versionName = versionName;
        this.metrics = metrics;
        this.strategies = strategies;
        this.analyses = analyses;
        setWindowTitle("Prune " + versionName);
        setDefaultPageImageDescriptor(ImageDescriptor.createFromURL(getClass().getResource("/icons/prunelab64.png")));
    }

    @Override
    public void addPages() {
        settingsPage = new PruneSettingsPage(versionName, metrics, strategies);
        addPage(settingsPage);
        previewPage = new PlanPreviewPage(parent, versionName, settingsPage, metrics, strategies, analyses);
        addPage(previewPage);
    }

    @Override
    public boolean canFinish() {
        return settingsPage.isPageComplete() && previewPage.isPageComplete() && previewPage.isCurrent();
    }

    @Override
    public boolean performFinish() {
        if (!previewPage.isCurrent()) {
            return false;
        }
        PruneChoice choice = settingsPage.choice();
        Path dir = parent.projectDirectory();
        String what = (choice.fineTune() == null ? "Pruning " : "Pruning and fine-tuning ") + versionName
                + (choice.steps() > 1 ? " in " + choice.steps() + " steps" : "");
        int epochs = choice.fineTune() == null ? 0 : choice.fineTune().epochs();
        pruning = VersionJob.training(what, dir, parent.model(), parent.id(), epochs, (listener, monitor) -> {
            DatasetSpec data = VersionJob.dataset(dir);
            PruningService.PruneRequest request = choice.request(metrics, strategies, analyses, parent, data);
            if (choice.steps() > 1) {
                PruningService.pruneIteratively(new VersionStore(dir), parent, data, request, choice.steps(),
                        listener, VersionJob.runtime(), monitor);
            } else {
                PruningService.prune(new VersionStore(dir), parent, data, request, listener, VersionJob.runtime(),
                        monitor);
            }
        });
        pruning.schedule();
        return true;
    }

    /**
     * The first page.
     *
     * @return the settings page
     */
    public PruneSettingsPage settingsPage() {
        return settingsPage;
    }

    /**
     * The second page.
     *
     * @return the preview page
     */
    public PlanPreviewPage previewPage() {
        return previewPage;
    }

    /**
     * The job Finish started.
     *
     * @return the pruning job, or null before Finish
     */
    public VersionJob pruningJob() {
        return pruning;
    }
}
