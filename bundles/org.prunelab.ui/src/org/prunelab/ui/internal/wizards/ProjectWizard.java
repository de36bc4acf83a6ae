package org.prunelab.ui.internal.wizards;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWizard;
import org.prunelab.ui.internal.VersionJob;

/**
 * A one-page wizard that adds to a PruneLab project (a dataset, a model): opened on the project of the
 * selection, with PruneLab's image; the work it starts runs as a job of the project.
 *
 * @param <P> its page
 */
abstract class ProjectWizard<P extends WizardPage> extends Wizard implements IWorkbenchWizard {

    private P page;
    private IProject selected;
    private VersionJob job;

    ProjectWizard(String title) {
        setWindowTitle(title);
        setDefaultPageImageDescriptor(ImageDescriptor.createFromURL(getClass().getResource("/icons/prunelab64.png")));
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        selected = ProjectChoice.selected(selection);
    }

    @Override
    public void addPages() {
        page = createPage(selected);
        addPage(page);
    }

    /**
     * Creates the page.
     *
     * @param project the project of the selection, or null
     * @return the page
     */
    abstract P createPage(IProject project);

    /** Schedules the job Finish starts. */
    void start(VersionJob work) {
        job = work;
        job.schedule();
    }

    /**
     * The job once Finish was pressed, for tests.
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
    public P page() {
        return page;
    }
}
