package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.ui.IImportWizard;
import org.prunelab.core.versions.ModelImport;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;

/**
 * File &gt; Import &gt; PruneLab &gt; Model: an ONNX or PyTorch file into a project as a new model, after a
 * preview of its layers and size; the import itself runs as a job of the project.
 */
public final class ImportModelWizard extends ProjectWizard<ImportModelPage> implements IImportWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.importModel";

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public ImportModelWizard() {
        super("Import Model");
        setNeedsProgressMonitor(true);
    }

    @Override
    ImportModelPage createPage(IProject project) {
        return new ImportModelPage(project);
    }

    @Override
    public boolean performFinish() {
        Path dir = page().projectDirectory();
        Path file = page().file();
        String arch = ModelImport.isOnnx(file) ? null : page().architecture();
        String model = page().modelId();
        start(VersionJob.create("Importing " + file.getFileName() + " as model " + model, dir, true,
                monitor -> ModelImport.store(new VersionStore(dir), model, file, arch, VersionJob.runtime(), monitor)));
        return true;
    }
}
