package org.prunelab.ui.internal.sensitivity;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.lineage.VersionHandler;

/**
 * Analyse > Layer Sensitivity…: asks what to measure, then measures and stores it in a job.
 */
public final class LayerSensitivityHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        MetricRegistry metrics = Services.find(MetricRegistry.class).orElse(null);
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElse(null);
        if (metrics == null || analyses == null) {
            MessageDialog.openError(shell, "Layer Sensitivity", "The metric and analysis registries are not running: "
                    + "PruneLab's core plug-in did not start (see the error log).");
            return;
        }
        String name = name(version, tree);
        LayerSensitivityDialog dialog = new LayerSensitivityDialog(shell, name, metrics.descriptors());
        if (dialog.open() == Window.OK) {
            LayerSensitivityJob.create(version, name, dialog.settings(), analyses).schedule();
        }
    }
}
