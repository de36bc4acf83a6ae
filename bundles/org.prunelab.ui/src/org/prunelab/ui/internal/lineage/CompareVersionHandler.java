package org.prunelab.ui.internal.lineage;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.dialogs.FilteredList;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.NaturalOrder;

/**
 * Compare with…: picks another version of the project (its parent first) and shows both side by side, the
 * version the command was chosen on as A and the one picked as B, whatever their order in the tree.
 */
public final class CompareVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        List<ModelVersion> others = tree == null ? List.of()
                : tree.shownVersions().stream().filter(v -> !v.equals(version)).toList();
        if (others.isEmpty()) {
            MessageDialog.openInformation(shell, "Compare Versions", "The project has no other version to compare "
                    + name(version, tree) + " with.");
            return;
        }
        ElementListSelectionDialog picker = new ElementListSelectionDialog(shell, new LabelProvider() {
            @Override
            public String getText(Object element) {
                ModelVersion v = (ModelVersion) element;
                // the name holds the model, so versions of the project's other models are told apart
                return String.format(Locale.ROOT, "%s — %s, %.2f %%", name(v, tree), v.recipe().kind(),
                        100 * v.evaluation().accuracy());
            }
        }) {
            @Override
            protected FilteredList createFilteredList(Composite parent) {
                FilteredList list = super.createFilteredList(parent);
                list.setComparator(NaturalOrder.INSTANCE); // v2 before v10
                return list;
            }
        };
        picker.setTitle("Compare " + name(version, tree));
        picker.setMessage("Compare " + name(version, tree) + " (A) with (B):");
        picker.setElements(others.toArray());
        picker.setMultipleSelection(false);
        others.stream().filter(v -> v.model().equals(version.model()) && v.id().equals(version.parent())).findFirst()
                .ifPresent(parent -> picker.setInitialSelections(parent));
        if (picker.open() == Window.OK && picker.getFirstResult() instanceof ModelVersion other) {
            compare(shell, version, other, tree);
        }
    }

    /**
     * Opens the comparison of two versions.
     *
     * @param shell the parent shell
     * @param a the version compared against
     * @param b the version compared
     * @param tree the tree that knows their names, or null
     * @return the open dialog
     */
    public static CompareVersionsDialog compare(Shell shell, ModelVersion a, ModelVersion b, ExplorationTreeView tree) {
        CompareVersionsDialog dialog = new CompareVersionsDialog(shell, a, name(a, tree), b, name(b, tree));
        dialog.open();
        return dialog;
    }
}
