package org.prunelab.ui.internal;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.osgi.framework.Bundle;
import org.prunelab.core.project.ProjectCopies;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.ui.PruningPerspective;

/**
 * Workbench life cycle: IDE resource support for the Project Explorer and Properties view, and a saved
 * workspace at shutdown.
 */
final class PruneLabWorkbenchAdvisor extends WorkbenchAdvisor {


    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        // adapters that make workspace resources show in the Project Explorer and the Properties view
        IDE.registerAdapters();
        // the IDE application normally declares these; the Project Explorer shows no project icons without them
        declareIdeImage(configurer, IDE.SharedImages.IMG_OBJ_PROJECT, "icons/full/obj16/prj_obj.png");
        declareIdeImage(configurer, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "icons/full/obj16/cprj_obj.png");
    }

    private static void declareIdeImage(IWorkbenchConfigurer configurer, String key, String path) {
        Bundle ide = Platform.getBundle("org.eclipse.ui.ide");
        URL url = ide == null ? null : FileLocator.find(ide, new Path(path));
        if (url != null) {
            configurer.declareImage(key, ImageDescriptor.createFromURL(url), true);
        }
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return PruningPerspective.ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new PruneLabWindowAdvisor(configurer);
    }

    /**
     * Opens the projects given with {@value StartupProjects#PROPERTY}: {@code ./prunelab} passes its copy
     * of the demo project, so the workbench opens on it at once.
     */
    @Override
    public void postStartup() {
        List<java.nio.file.Path> folders = StartupProjects.folders();
        if (folders.isEmpty()) {
            return;
        }
        Job.create("Opening projects", monitor -> {
            // the workspace's copy of the demo gets the models the repository's demo gained since it was made
            StartupProjects.copiedFrom().ifPresent(source -> {
                try {
                    ProjectCopies.addMissingModels(source, folders.get(0));
                } catch (IOException e) {
                    ILog.of(PruneLabWorkbenchAdvisor.class).error("cannot bring " + folders.get(0) + " up to "
                            + source, e);
                }
            });
            for (java.nio.file.Path folder : folders) {
                try {
                    PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), folder,
                            monitor);
                } catch (CoreException e) {
                    ILog.of(PruneLabWorkbenchAdvisor.class).log(e.getStatus());
                }
            }
        }).schedule();
    }

    @Override
    public void postShutdown() {
        try {
            ResourcesPlugin.getWorkspace().save(true, new NullProgressMonitor());
        } catch (CoreException e) {
            ILog.of(getClass()).log(e.getStatus());
        }
    }
}
