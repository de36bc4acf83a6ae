package org.prunelab.ui.internal.lineage;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;

/**
 * Rename…: gives the version a display name, shown on its node; its id, folder and lineage stay.
 */
public final class RenameVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        String current = tree == null ? "" : tree.label(version).orElse("");
        InputDialog dialog = new InputDialog(shell, "Rename Version",
                "Display name of " + version.model() + "/" + version.id() + " (its id stays " + version.id()
                        + "; leave empty to show the id):",
                current, RenameVersionHandler::problem);
        if (dialog.open() == Window.OK) {
            rename(version, dialog.getValue()).schedule();
        }
    }

    /**
     * What is wrong with a name.
     *
     * @param name the name typed
     * @return the message, or null if it is a valid name
     */
    static String problem(String name) {
        if (name.strip().length() > VersionStore.MAX_LABEL_LENGTH) {
            return "A name has at most " + VersionStore.MAX_LABEL_LENGTH + " characters.";
        }
        if (name.contains("\n") || name.contains("\r")) {
            return "A name is one line.";
        }
        return null;
    }

    /**
     * The job that stores a version's display name.
     *
     * @param version the version
     * @param label the name; blank removes it
     * @return the job, not yet scheduled
     */
    public static VersionJob rename(ModelVersion version, String label) {
        Path dir = version.projectDirectory();
        return VersionJob.create("Renaming " + version.model() + "/" + version.id(), dir, true,
                monitor -> new VersionStore(dir).rename(version, label));
    }
}
