package org.prunelab.ui.internal.wizards;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.lineage.VersionHandler;

/**
 * Prune…: opens the prune wizard on the selected version.
 */
public final class PruneVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        MetricRegistry metrics = Services.find(MetricRegistry.class).orElse(null);
        StrategyRegistry strategies = Services.find(StrategyRegistry.class).orElse(null);
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElse(null);
        if (metrics == null || strategies == null || analyses == null) {
            MessageDialog.openError(shell, "Prune", "The metric, strategy and analysis registries are not running: "
                    + "PruneLab's core plug-in did not start (see the error log).");
            return;
        }
        new WizardDialog(shell, new PruneWizard(version, name(version, tree), metrics, strategies, analyses)).open();
    }
}
