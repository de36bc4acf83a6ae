package org.prunelab.ui.internal.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.ILog;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;

/**
 * A version's folder ({@code models/<model>/<version>} of a PruneLab project) adapts to the version, so
 * that selecting it in the Project Explorer selects the version in every view. Reading it is two small
 * JSON files.
 */
public final class VersionFolders implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != ModelVersion.class || !(adaptable instanceof IFolder folder)) {
            return null;
        }
        IPath path = folder.getProjectRelativePath();
        if (path.segmentCount() != 3 || !path.segment(0).equals(VersionStore.MODELS)
                || !PruneLabProjects.isPruneLabProject(folder.getProject()) || folder.getLocation() == null) {
            return null;
        }
        Path dir = folder.getLocation().toPath();
        if (!Files.isRegularFile(dir.resolve(VersionStore.RECIPE_FILE))) {
            return null;
        }
        try {
            return adapterType.cast(new VersionStore(folder.getProject().getLocation().toPath())
                    .version(path.segment(1), path.segment(2)));
        } catch (IOException | RuntimeException e) {
            // an incomplete or broken version is not one: the folder stays a plain folder
            ILog.of(VersionFolders.class).warn("Cannot read the version in " + dir + ": " + e.getMessage());
            return null;
        }
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {ModelVersion.class};
    }
}
