package org.prunelab.ui.internal.wizards;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWizard;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;

/**
 * Opens one of PruneLab's new or import wizards on the selection, for the project's PruneLab menu, which
 * names the actions by what they do ("Add Dataset…") rather than by the wizards' names in File &gt; New.
 */
public final class OpenWizardHandler extends AbstractHandler {

    /** The command's parameter: the wizard's id. */
    public static final String WIZARD_PARAMETER = "org.prunelab.ui.commands.openWizard.id";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String id = event.getParameter(WIZARD_PARAMETER);
        IWorkbench workbench = PlatformUI.getWorkbench();
        IWizardDescriptor descriptor = workbench.getNewWizardRegistry().findWizard(id);
        if (descriptor == null) {
            descriptor = workbench.getImportWizardRegistry().findWizard(id);
        }
        if (descriptor == null) {
            throw new ExecutionException("no wizard " + id);
        }
        try {
            IWorkbenchWizard wizard = descriptor.createWizard();
            IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
            // in the exploration tree, nothing selected: the project it shows
            if (selection.isEmpty() && HandlerUtil.getActivePart(event) instanceof ExplorationTreeView tree
                    && tree.project() != null) {
                selection = new StructuredSelection(tree.project());
            }
            wizard.init(workbench, selection);
            new WizardDialog(HandlerUtil.getActiveShellChecked(event), wizard).open();
        } catch (CoreException e) {
            throw new ExecutionException("cannot open the wizard " + id, e);
        }
        return null;
    }
}
