package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;
import org.prunelab.core.versions.ModelImport;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;

/**
 * File &gt; Import &gt; PruneLab &gt; Model: an ONNX or PyTorch file into a project as a new model, after a
 * preview of its layers and size; the import itself runs as a job of the project.
 */
public final class ImportModelWizard extends Wizard implements IImportWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.importModel";

    private ImportModelPage page;
    private IProject selected;
    private VersionJob job;

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public ImportModelWizard() {
        setWindowTitle("Import Model");
        setNeedsProgressMonitor(true);
        setDefaultPageImageDescriptor(ImageDescriptor.createFromURL(getClass().getResource("/icons/prunelab64.png")));
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        selected = ProjectChoice.selected(selection);
    }

    @Override
    public void addPages() {
        page = new ImportModelPage(selected);
        addPage(page);
    }

    @Override
    public boolean canFinish() {
        return page.ready();
    }

    @Override
    public boolean performFinish() {
        Path dir = page.projectDirectory();
        Path file = page.file();
        String arch = ModelImport.isOnnx(file) ? null : page.architecture();
        String model = page.modelId();
        job = VersionJob.create("Importing " + file.getFileName() + " as model " + model, dir, true,
                monitor -> ModelImport.store(new VersionStore(dir), model, file, arch, VersionJob.runtime(), monitor));
        job.schedule();
        return true;
    }

    /**
     * The import job once Finish was pressed, for tests.
     *
     * @return the job, or null
     */
    public VersionJob job() {
        return job;
    }

    /**
     * The page, for tests.
     *
     * @return the page
     */
    public ImportModelPage page() {
        return page;
    }
}
