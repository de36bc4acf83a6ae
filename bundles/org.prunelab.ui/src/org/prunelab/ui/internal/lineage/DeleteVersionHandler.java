package org.prunelab.ui.internal.lineage;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;

/**
 * Delete: removes a version's folder after the user confirms. A version with children is only deleted
 * with all the versions made from it, which the confirmation lists; the job checks that they are still
 * exactly those before anything goes, and the store deletes all of them or none.
 */
public final class DeleteVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        List<ModelVersion> below = tree == null ? List.of() : tree.descendants(version);
        String name = name(version, tree);
        String folder = VersionStore.MODELS + "/" + version.model() + "/";
        String question;
        String button;
        if (below.isEmpty()) {
            question = "Delete " + name + "? Its folder " + folder + version.id()
                    + " (network, weights, recipe, evaluation) is removed from the disk.";
            button = "&Delete";
        } else {
            question = name + " has " + below.size() + (below.size() == 1 ? " version" : " versions")
                    + " made from it, which would go with it:\n\n" + list(below, tree) + "\nDelete " + name
                    + " and " + (below.size() == 1 ? "it" : "all " + below.size())
                    + "? Their folders are removed from " + folder + ".";
            button = "&Delete " + (below.size() + 1) + " Versions";
        }
        MessageDialog dialog = new MessageDialog(shell, "Delete Version", null, question, MessageDialog.WARNING, 1,
                button, "Cancel");
        if (dialog.open() == 0) {
            delete(version, below).schedule();
        }
    }

    /**
     * The job that deletes a version and the descendants the user confirmed.
     *
     * @param version the version
     * @param confirmed its descendants as the user saw them; if the project holds others by now, nothing
     *            is deleted
     * @return the job, not yet scheduled
     */
    public static VersionJob delete(ModelVersion version, List<ModelVersion> confirmed) {
        Path dir = version.projectDirectory();
        return VersionJob.create("Deleting " + version.model() + "/" + version.id(), dir, true, monitor -> {
            VersionStore store = new VersionStore(dir);
            List<String> now = store.descendants(version).stream().map(ModelVersion::id).sorted().toList();
            List<String> seen = confirmed.stream().map(ModelVersion::id).sorted().toList();
            if (!now.equals(seen)) {
                throw new IllegalStateException("the versions made from " + version.id() + " changed since the "
                        + "deletion was confirmed (now " + now + "); nothing was deleted");
            }
            store.delete(version, !confirmed.isEmpty());
        });
    }
}
