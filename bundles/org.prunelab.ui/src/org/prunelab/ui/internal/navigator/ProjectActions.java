package org.prunelab.ui.internal.navigator;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.SameShellProvider;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.CloseResourceAction;
import org.eclipse.ui.actions.OpenResourceAction;
import org.eclipse.ui.actions.RefreshAction;
import org.eclipse.ui.navigator.CommonActionProvider;
import org.eclipse.ui.navigator.ICommonActionExtensionSite;
import org.eclipse.ui.navigator.ICommonMenuConstants;

/**
 * The Project Explorer's Refresh, Open Project and Close Project. The IDE's provider of these also offers
 * Close Unrelated Project and the builds, which mean nothing for PruneLab's projects (they reference no
 * other project and nothing is built); an activity hides it (see plugin.xml) and this one takes its place.
 */
public final class ProjectActions extends CommonActionProvider {

    private RefreshAction refresh;
    private OpenResourceAction open;
    private CloseResourceAction close;

    @Override
    public void init(ICommonActionExtensionSite site) {
        super.init(site);
        SameShellProvider shell = new SameShellProvider(site.getViewSite().getShell());
        refresh = new RefreshAction(shell);
        open = new OpenResourceAction(shell);
        close = new CloseResourceAction(shell);
    }

    @Override
    public void fillContextMenu(IMenuManager menu) {
        IStructuredSelection selection = selection();
        refresh.selectionChanged(selection);
        open.selectionChanged(selection);
        close.selectionChanged(selection);
        boolean projects = !selection.isEmpty() && selection.stream().allMatch(IProject.class::isInstance);
        if (projects && open.isEnabled()) {
            menu.appendToGroup(ICommonMenuConstants.GROUP_BUILD, open);
        }
        if (projects && close.isEnabled()) {
            menu.appendToGroup(ICommonMenuConstants.GROUP_BUILD, close);
        }
        if (refresh.isEnabled()) {
            menu.appendToGroup(ICommonMenuConstants.GROUP_BUILD, refresh);
        }
    }

    @Override
    public void fillActionBars(IActionBars bars) {
        refresh.selectionChanged(selection());
        // F5 in the Project Explorer
        bars.setGlobalActionHandler(ActionFactory.REFRESH.getId(), refresh);
    }

    private IStructuredSelection selection() {
        return getContext() != null && getContext().getSelection() instanceof IStructuredSelection structured
                ? structured : StructuredSelection.EMPTY;
    }
}
