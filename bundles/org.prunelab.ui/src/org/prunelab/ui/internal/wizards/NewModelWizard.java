package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.VersionJob;

/**
 * New Model (File &gt; New &gt; PruneLab &gt; Model, and a project's context menu): an architecture
 * trained from scratch on the project's dataset, in a job with progress and cancel; its base version
 * roots a new lineage of the exploration tree.
 */
public final class NewModelWizard extends Wizard implements INewWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.newModel";

    private NewModelPage page;
    private IProject selected;
    private VersionJob job;

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public NewModelWizard() {
        setWindowTitle("New Model");
        setDefaultPageImageDescriptor(ImageDescriptor.createFromURL(getClass().getResource("/icons/prunelab64.png")));
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        selected = ProjectChoice.selected(selection);
    }

    @Override
    public void addPages() {
        page = new NewModelPage(selected);
        addPage(page);
    }

    @Override
    public boolean canFinish() {
        return page.ready();
    }

    @Override
    public boolean performFinish() {
        Path dir = page.projectDirectory();
        String model = page.modelId();
        String arch = page.architecture();
        Network network = page.network();
        TrainingSettings settings = page.settings();
        job = VersionJob.create("Training model " + model + " (" + arch + ", " + settings.epochs() + " epochs)", dir,
                true, monitor -> {
                    DatasetSpec data = VersionJob.dataset(dir);
                    PruningService.trainRoot(new VersionStore(dir), model, network, arch, data, settings,
                            VersionJob.runtime(), monitor);
                });
        job.setUser(true);
        job.schedule();
        return true;
    }

    /**
     * The training job once Finish was pressed, for tests.
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
    public NewModelPage page() {
        return page;
    }
}
