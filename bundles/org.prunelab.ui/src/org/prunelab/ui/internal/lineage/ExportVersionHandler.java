package org.prunelab.ui.internal.lineage;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionExport;
import org.prunelab.ui.internal.VersionJob;

/**
 * Export…: copies the version's folder (network.json, weights, recipe, evaluation) to a chosen directory,
 * or into a zip file.
 */
public final class ExportVersionHandler extends VersionHandler {

    @Override
    protected void execute(ModelVersion version, Shell shell, ExplorationTreeView tree) {
        String name = name(version, tree);
        MessageDialog how = new MessageDialog(shell, "Export Version", null, "Export " + name
                + ": its network, weights, recipe and evaluation, as a folder '" + VersionExport.name(version)
                + "' in a directory you choose or as a zip file; or its network and weights as an ONNX model, for"
                + " ONNX Runtime and other tools.", MessageDialog.QUESTION, 0, "As &Folder…", "As &Zip File…",
                "As &ONNX…", "Cancel");
        int choice = how.open();
        if (choice == 0) {
            DirectoryDialog directory = new DirectoryDialog(shell, SWT.SAVE);
            directory.setText("Export " + name + " into");
            String chosen = directory.open();
            if (chosen != null) {
                toFolder(version, Path.of(chosen)).schedule();
            }
        } else if (choice == 1) {
            Path zip = saveAs(shell, "Export " + name + " as", version, ".zip");
            if (zip != null) {
                toZip(version, zip).schedule();
            }
        } else if (choice == 2) {
            Path onnx = saveAs(shell, "Export " + name + " as ONNX", version, ".onnx");
            if (onnx != null) {
                toOnnx(version, onnx).schedule();
            }
        }
    }

    /** The file the user chooses to write, with the extension added if left out; null if cancelled. */
    private static Path saveAs(Shell shell, String title, ModelVersion version, String extension) {
        FileDialog file = new FileDialog(shell, SWT.SAVE);
        file.setText(title);
        file.setFilterExtensions(new String[] {"*" + extension});
        file.setFileName(VersionExport.name(version) + extension);
        file.setOverwrite(true);
        String chosen = file.open();
        return chosen == null ? null : Path.of(chosen.endsWith(extension) ? chosen : chosen + extension);
    }

    /**
     * The job that writes a version as ONNX.
     *
     * @param version the version
     * @param onnx the .onnx file
     * @return the job, not yet scheduled
     */
    public static VersionJob toOnnx(ModelVersion version, Path onnx) {
        return VersionJob.create("Exporting " + version.model() + "/" + version.id() + " to " + onnx,
                version.projectDirectory(), false, monitor -> VersionExport.toOnnx(version, onnx,
                        VersionJob.runtime(), monitor));
    }

    /**
     * The job that copies a version into a directory.
     *
     * @param version the version
     * @param directory where its folder goes
     * @return the job, not yet scheduled
     */
    public static VersionJob toFolder(ModelVersion version, Path directory) {
        return VersionJob.create("Exporting " + version.model() + "/" + version.id() + " to " + directory,
                version.projectDirectory(), false, monitor -> VersionExport.toFolder(version, directory, monitor));
    }

    /**
     * The job that zips a version.
     *
     * @param version the version
     * @param zip the zip file
     * @return the job, not yet scheduled
     */
    public static VersionJob toZip(ModelVersion version, Path zip) {
        return VersionJob.create("Exporting " + version.model() + "/" + version.id() + " to " + zip,
                version.projectDirectory(), false, monitor -> VersionExport.toZip(version, zip, monitor));
    }
}
