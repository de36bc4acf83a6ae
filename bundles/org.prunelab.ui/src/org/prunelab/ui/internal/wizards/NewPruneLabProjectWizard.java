package org.prunelab.ui.internal.wizards;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.prunelab.core.project.PruneLabProjects;

/**
 * File &gt; New &gt; PruneLab Project: a workspace project with the PruneLab nature and a
 * {@code prunelab.json} describing it.
 */
public final class NewPruneLabProjectWizard extends BasicNewResourceWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.newProject";

    private WizardNewProjectCreationPage namePage;
    private ProjectDetailsPage detailsPage;
    private IProject created;

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public NewPruneLabProjectWizard() {
        setWindowTitle("New PruneLab Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    protected void initializeDefaultPageImageDescriptor() {
        setDefaultPageImageDescriptor(
                ImageDescriptor.createFromURL(getClass().getResource("/icons/prunelab64.png")));
    }

    @Override
    public void addPages() {
        namePage = new WizardNewProjectCreationPage("name");
        namePage.setTitle("PruneLab Project");
        namePage.setDescription("Name the project and choose where its models and versions are stored.");
        addPage(namePage);
        detailsPage = new ProjectDetailsPage();
        addPage(detailsPage);
    }

    @Override
    public boolean performFinish() {
        String name = namePage.getProjectName();
        URI location = namePage.useDefaults() ? null : namePage.getLocationURI();
        String description = detailsPage.getProjectDescription();
        try {
            // creating the project touches the disk: run it off the UI thread, with the wizard's progress bar
            getContainer().run(true, true, monitor -> {
                try {
                    created = PruneLabProjects.create(ResourcesPlugin.getWorkspace(), name, location, description,
                            monitor);
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            IStatus status = e.getCause() instanceof CoreException ce ? ce.getStatus()
                    : Status.error("Could not create the project " + name, e.getCause());
            ErrorDialog.openError(getShell(), "New PruneLab Project", "The project was not created.", status);
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        selectAndReveal(created);
        return true;
    }

    /**
     * The project the last successful {@link #performFinish()} created.
     *
     * @return the project, or null before one was created
     */
    public IProject getCreatedProject() {
        return created;
    }

    /**
     * The page with the project's name and location.
     *
     * @return the first page
     */
    public WizardNewProjectCreationPage getNamePage() {
        return namePage;
    }

    /**
     * The page with the project's description.
     *
     * @return the second page
     */
    public ProjectDetailsPage getDetailsPage() {
        return detailsPage;
    }
}
