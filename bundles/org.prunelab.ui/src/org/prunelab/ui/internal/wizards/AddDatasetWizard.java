package org.prunelab.ui.internal.wizards;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.ui.INewWizard;
import org.prunelab.core.project.DatasetImport;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.ui.internal.VersionJob;

/**
 * Add Dataset (File &gt; New &gt; PruneLab &gt; Dataset, and a project's context menu): makes a folder of
 * images the project's dataset, after a preview of what it holds.
 */
public final class AddDatasetWizard extends ProjectWizard<AddDatasetPage> implements INewWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.addDataset";

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public AddDatasetWizard() {
        super("Add Dataset");
        setNeedsProgressMonitor(true);
    }

    @Override
    AddDatasetPage createPage(IProject project) {
        return new AddDatasetPage(project);
    }

    @Override
    public boolean performFinish() {
        DatasetSpec spec = page().spec();
        Path dir = page().projectDirectory();
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Checking and storing the dataset", IProgressMonitor.UNKNOWN);
                try {
                    DatasetImport.store(ProjectFolder.open(dir), spec);
                } catch (Exception e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            page().setErrorMessage(cause.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        refresh();
        return true;
    }

    private void refresh() {
        VersionJob.projectOf(page().projectDirectory()).ifPresent(project -> {
            try {
                project.refreshLocal(IResource.DEPTH_ONE, null);
            } catch (CoreException e) {
                // the descriptor is written; the workbench sees it at its next refresh
            }
        });
    }
}
