package org.prunelab.ui.internal.lineage;

import java.nio.file.Path;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.VersionJob;

/**
 * Fine-tune…: asks for a schedule, then fine-tunes the version into a new child in a job, whose curves
 * the Training view draws as it goes.
 */
public final class FineTuneVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        String name = name(version, tree);
        FineTuneDialog dialog = new FineTuneDialog(shell, name);
        if (dialog.open() == Window.OK) {
            fineTune(version, name, dialog.settings()).schedule();
        }
    }

    /**
     * The job that fine-tunes a version into a new child.
     *
     * @param version the version
     * @param name its name, for the Progress view
     * @param settings the schedule
     * @return the job, not yet scheduled
     */
    public static VersionJob fineTune(ModelVersion version, String name, TrainingSettings settings) {
        Path dir = version.projectDirectory();
        return VersionJob.training("Fine-tuning " + name, dir, version.model(), version.id(), settings.epochs(),
                (listener, monitor) -> {
                    DatasetSpec data = VersionJob.dataset(dir);
                    PruningService.fineTune(new VersionStore(dir), version, data, settings, listener,
                            VersionJob.runtime(), monitor);
                });
    }
}
