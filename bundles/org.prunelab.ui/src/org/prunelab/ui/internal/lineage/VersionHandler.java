package org.prunelab.ui.internal.lineage;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.ISources;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.prunelab.core.versions.ModelVersion;

/**
 * A command on the version selected in the exploration tree (its context menu, or a key such as Delete
 * or F2 while the tree is active), or on a version another view selects. A handler is enabled for exactly
 * one selected version.
 * <p>
 * While the tree is the active part, its own selection decides, not the workbench's current selection:
 * views that publish a selection of their own after a background computation (the filter views do) can
 * replace the workbench's selection while the tree stays active.
 */
public abstract class VersionHandler extends AbstractHandler {

    @Override
    public void setEnabled(Object evaluationContext) {
        setBaseEnabled(selectedVersion(evaluationContext).isPresent());
    }

    @Override
    public final Object execute(ExecutionEvent event) throws ExecutionException {
        Optional<ModelVersion> version = selectedVersion(event.getApplicationContext());
        if (version.isEmpty()) {
            return null;
        }
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        execute(version.get(), shell, tree(event));
        return null;
    }

    /**
     * Runs the command.
     *
     * @param version the selected version
     * @param shell the shell for dialogs
     * @param tree the exploration tree, for the versions it shows and their names; null if it is closed
     */
    protected abstract void execute(ModelVersion version, Shell shell, ExplorationTreeView tree);

    /**
     * The version a command acts on: the tree's selection while the tree is active, else the selection of
     * the menu the command was chosen from, else the workbench's current selection.
     *
     * @param evaluationContext the workbench's state (an event's application context)
     * @return the single selected version, or empty
     */
    public static Optional<ModelVersion> selectedVersion(Object evaluationContext) {
        if (HandlerUtil.getVariable(evaluationContext, ISources.ACTIVE_PART_NAME) instanceof ExplorationTreeView tree) {
            return version(tree.getSelection());
        }
        if (HandlerUtil.getVariable(evaluationContext, ISources.ACTIVE_MENU_SELECTION_NAME) instanceof ISelection menu
                && !menu.isEmpty()) {
            return version(menu);
        }
        return version(HandlerUtil.getVariable(evaluationContext, ISources.ACTIVE_CURRENT_SELECTION_NAME));
    }

    private static Optional<ModelVersion> version(Object selection) {
        if (selection instanceof IStructuredSelection structured && structured.size() == 1) {
            return Optional.ofNullable(Adapters.adapt(structured.getFirstElement(), ModelVersion.class));
        }
        return Optional.empty();
    }

    private static ExplorationTreeView tree(ExecutionEvent event) {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (part instanceof ExplorationTreeView tree) {
            return tree;
        }
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        return page != null && page.findView(ExplorationTreeView.ID) instanceof ExplorationTreeView tree ? tree : null;
    }

    /**
     * How a version is named in titles and messages.
     *
     * @param version the version
     * @param tree the tree that knows its display name, or null
     * @return "model/id", followed by its display name in quotes if it has one
     */
    public static String name(ModelVersion version, ExplorationTreeView tree) {
        String id = version.model() + "/" + version.id();
        Optional<String> label = tree == null ? Optional.empty() : tree.label(version);
        return label.map(l -> id + " '" + l + "'").orElse(id);
    }

    /**
     * The names of several versions, one a line, with how each was made.
     *
     * @param versions the versions
     * @param tree the tree that knows their display names, or null
     * @return the lines
     */
    static String list(List<ModelVersion> versions, ExplorationTreeView tree) {
        StringBuilder text = new StringBuilder();
        for (ModelVersion v : versions) {
            text.append("    ").append(name(v, tree)).append(" — ").append(v.recipe().kind()).append(" from ")
                    .append(v.parent()).append('\n');
        }
        return text.toString();
    }
}
