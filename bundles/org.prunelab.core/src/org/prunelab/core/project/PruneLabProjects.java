package org.prunelab.core.project;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Creates and reads PruneLab projects in a workspace.
 */
public final class PruneLabProjects {

    private static final String BUNDLE = "org.prunelab.core";

    private PruneLabProjects() {
    }

    /**
     * Creates, opens and describes a new PruneLab project in one workspace operation: the project exists
     * with its nature and a valid {@code prunelab.json}, or not at all.
     *
     * @param workspace the workspace
     * @param name the project name (also the descriptor's display name)
     * @param location where the project's files go, or null for the workspace's default location
     * @param description what the project explores; may be empty
     * @param monitor progress and cancellation
     * @return the open project
     * @throws CoreException if the name is invalid, the project exists already, or the files cannot be
     *             written
     */
    public static IProject create(IWorkspace workspace, String name, URI location, String description,
            IProgressMonitor monitor) throws CoreException {
        IStatus valid = workspace.validateName(name == null ? "" : name, IResource.PROJECT);
        if (!valid.isOK()) {
            throw new CoreException(Status.error("Invalid project name '" + name + "': " + valid.getMessage()));
        }
        IProject project = workspace.getRoot().getProject(name);
        if (project.exists()) {
            throw new CoreException(Status.error("A project named '" + name + "' exists already"));
        }
        ProjectDescriptor descriptor = ProjectDescriptor.newProject(name, description, Instant.now());
        String comment = descriptor.description();
        workspace.run(m -> {
            SubMonitor sub = SubMonitor.convert(m, "Creating PruneLab project " + name, 4);
            IProjectDescription projectDescription = workspace.newProjectDescription(name);
            projectDescription.setLocationURI(location);
            projectDescription.setNatureIds(new String[] {PruneLabNature.ID});
            projectDescription.setComment(comment);
            project.create(projectDescription, sub.split(1));
            try {
                project.open(sub.split(1));
                project.getFile(ProjectDescriptor.FILE_NAME).create(toBytes(descriptor), IResource.NONE,
                        sub.split(2));
            } catch (CoreException | RuntimeException e) {
                // leave no half-made project behind; the files of an existing location are kept
                project.delete(false, true, null);
                throw e;
            }
        }, workspace.getRuleFactory().createRule(project), IWorkspace.AVOID_UPDATE, monitor);
        return project;
    }

    /**
     * Adds an existing project folder (one holding {@code .project} and {@code prunelab.json}, as the
     * command line makes them) to a workspace and opens it; a project of that name that is already in the
     * workspace is returned as it is.
     *
     * @param workspace the workspace
     * @param folder the project folder
     * @param monitor progress and cancellation
     * @return the open project
     * @throws CoreException if the folder holds no project description or it cannot be added
     */
    public static IProject importFolder(IWorkspace workspace, Path folder, IProgressMonitor monitor)
            throws CoreException {
        IPath description = IPath.fromPath(folder.resolve(".project"));
        if (!description.toFile().isFile()) {
            throw new CoreException(Status.error(folder + " holds no project (no .project file)"));
        }
        IProjectDescription projectDescription = workspace.loadProjectDescription(description);
        IProject project = workspace.getRoot().getProject(projectDescription.getName());
        SubMonitor sub = SubMonitor.convert(monitor, "Importing " + projectDescription.getName(), 2);
        if (!project.exists()) {
            // a folder of the project's name in the workspace's own folder is the project's default location,
            // which the workspace refuses to be given explicitly
            Path defaultLocation = workspace.getRoot().getLocation().toFile().toPath().resolve(project.getName());
            boolean atDefault = defaultLocation.toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize());
            projectDescription.setLocationURI(atDefault ? null : folder.toUri());
            project.create(projectDescription, sub.split(1));
        }
        if (!project.isOpen()) {
            project.open(sub.split(1));
        }
        return project;
    }

    /**
     * Tells whether a project is an open PruneLab project.
     *
     * @param project any project
     * @return true if it is open and has the PruneLab nature
     */
    public static boolean isPruneLabProject(IProject project) {
        try {
            return project.isOpen() && project.hasNature(PruneLabNature.ID);
        } catch (CoreException e) {
            return false;
        }
    }

    /**
     * Reads a project's {@code prunelab.json}.
     *
     * @param project a PruneLab project
     * @return its descriptor
     * @throws CoreException naming the file and the problem if it is missing or invalid
     */
    public static ProjectDescriptor read(IProject project) throws CoreException {
        IFile file = project.getFile(ProjectDescriptor.FILE_NAME);
        if (!file.exists()) {
            throw new CoreException(Status.error(file.getFullPath() + " is missing"));
        }
        try (InputStream in = file.getContents(true);
                InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ProjectDescriptorFile.read(reader);
        } catch (IllegalArgumentException e) {
            throw new CoreException(new Status(IStatus.ERROR, BUNDLE, file.getFullPath() + ": " + e.getMessage(), e));
        } catch (IOException e) {
            throw new CoreException(
                    new Status(IStatus.ERROR, BUNDLE, "Cannot read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }

    private static InputStream toBytes(ProjectDescriptor descriptor) throws CoreException {
        StringWriter text = new StringWriter();
        try {
            ProjectDescriptorFile.write(descriptor, text);
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot encode the project descriptor", e));
        }
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
