package org.prunelab.core.project;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectNature;

/**
 * Marks a workspace project as a PruneLab project. It installs no builders: the project's content is
 * written by pruning jobs, not compiled.
 */
public final class PruneLabNature implements IProjectNature {

    /** The nature id, as declared in this bundle's plugin.xml. */
    public static final String ID = "org.prunelab.core.nature";

    private IProject project;

    @Override
    public void configure() {
        // no builders to install
    }

    @Override
    public void deconfigure() {
        // no builders to remove
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
