package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.PruneLabNature;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.ui.internal.wizards.NewPruneLabProjectWizard;

/**
 * File &gt; New &gt; PruneLab Project, typed into and finished like a user would.
 */
class NewPruneLabProjectWizardUITest {

    @AfterEach
    void deleteProjects() throws CoreException {
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            project.delete(true, true, null);
        }
    }

    @Test
    void wizardIsRegisteredAsAProjectWizard() {
        IWizardDescriptor descriptor = PlatformUI.getWorkbench().getNewWizardRegistry()
                .findWizard(NewPruneLabProjectWizard.ID);
        assertNotNull(descriptor);
        assertEquals("PruneLab Project", descriptor.getLabel());
    }

    @Test
    void finishingCreatesAProjectWithTheNatureAndAValidDescriptor() throws Exception {
        NewPruneLabProjectWizard wizard = new NewPruneLabProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            assertFalse(wizard.canFinish(), "a project needs a name");
            Text name = UiEvents.find(wizard.getNamePage().getControl(), Text.class);
            name.setText("fashion-study");
            wizard.getDetailsPage().setProjectDescription("Which filters tell shirts from T-shirts?");
            UiEvents.flush();
            assertTrue(wizard.canFinish(), String.valueOf(wizard.getNamePage().getErrorMessage()));
            dialog.finish();
            UiEvents.flush();
        } finally {
            dialog.close();
        }

        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("fashion-study");
        assertEquals(project, wizard.getCreatedProject());
        assertTrue(project.isOpen());
        assertTrue(project.hasNature(PruneLabNature.ID));
        ProjectDescriptor descriptor = PruneLabProjects.read(project);
        assertEquals("fashion-study", descriptor.name());
        assertEquals("Which filters tell shirts from T-shirts?", descriptor.description());
    }
}
