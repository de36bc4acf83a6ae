package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.PruneLabNature;
import org.prunelab.core.project.PruneLabProjects;

/**
 * Creating and reading PruneLab projects in the test runtime's real workspace.
 */
class PruneLabProjectsTest {

    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();

    @AfterEach
    void deleteProjects() throws CoreException {
        for (IProject project : workspace.getRoot().getProjects()) {
            project.delete(true, true, null);
        }
    }

    @Test
    void createsAnOpenProjectWithTheNatureAndADescriptor() throws CoreException {
        Instant before = Instant.now();
        IProject project = PruneLabProjects.create(workspace, "fashion", null, "How small can it get?",
                new NullProgressMonitor());

        assertTrue(project.isOpen());
        assertArrayEquals(new String[] {PruneLabNature.ID}, project.getDescription().getNatureIds());
        assertTrue(project.getNature(PruneLabNature.ID) instanceof PruneLabNature);
        assertTrue(PruneLabProjects.isPruneLabProject(project));
        assertTrue(project.getFile("prunelab.json").getLocation().toFile().isFile(), "not on disk");

        ProjectDescriptor descriptor = PruneLabProjects.read(project);
        assertEquals("fashion", descriptor.name());
        assertEquals("How small can it get?", descriptor.description());
        assertEquals(List.of(), descriptor.models());
        assertEquals(null, descriptor.dataset());
        assertFalse(descriptor.created().isBefore(before.minus(Duration.ofSeconds(1))));
    }

    @Test
    void refusesAnExistingName() throws CoreException {
        PruneLabProjects.create(workspace, "twice", null, "", null);
        CoreException e = assertThrows(CoreException.class,
                () -> PruneLabProjects.create(workspace, "twice", null, "", null));
        assertEquals("A project named 'twice' exists already", e.getMessage());
    }

    @Test
    void refusesAnInvalidNameAndCreatesNothing() {
        CoreException e = assertThrows(CoreException.class,
                () -> PruneLabProjects.create(workspace, "a/b", null, "", null));
        assertTrue(e.getMessage().startsWith("Invalid project name 'a/b'"), e.getMessage());
        assertEquals(0, workspace.getRoot().getProjects().length);
    }

    @Test
    void aFolderMadeByTheCommandLineImportsIntoTheWorkspace(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("cli-study");
        ProjectFolder.create(folder, "cli-study", "made outside the workbench");
        IProject project = PruneLabProjects.importFolder(workspace, folder, null);
        assertTrue(project.isOpen());
        assertTrue(PruneLabProjects.isPruneLabProject(project));
        assertEquals(folder.toFile().getCanonicalFile(), project.getLocation().toFile().getCanonicalFile());
        assertEquals("made outside the workbench", PruneLabProjects.read(project).description());
        assertEquals(project, PruneLabProjects.importFolder(workspace, folder, null), "a second import is a no-op");
        CoreException e = assertThrows(CoreException.class,
                () -> PruneLabProjects.importFolder(workspace, dir.resolve("nothing"), null));
        assertTrue(e.getMessage().endsWith("holds no project (no .project file)"), e.getMessage());
    }

    @Test
    void aFolderInTheWorkspacesOwnFolderImportsAtItsDefaultLocation() throws Exception {
        // ./prunelab copies the demo there: the workspace refuses that location given explicitly
        Path folder = workspace.getRoot().getLocation().toFile().toPath().resolve("demo-copy");
        ProjectFolder.create(folder, "demo-copy", "the workspace's copy");
        IProject project = PruneLabProjects.importFolder(workspace, folder, null);
        assertTrue(PruneLabProjects.isPruneLabProject(project));
        assertEquals(folder.toFile().getCanonicalFile(), project.getLocation().toFile().getCanonicalFile());
        assertEquals("the workspace's copy", PruneLabProjects.read(project).description());
        project.delete(true, true, null);
    }

    @Test
    void aPlainProjectIsNotAPruneLabProject() throws CoreException {
        IProject plain = workspace.getRoot().getProject("plain");
        plain.create(null);
        plain.open(null);
        assertFalse(PruneLabProjects.isPruneLabProject(plain));
    }

    @Test
    void aCorruptDescriptorIsReportedWithItsPath() throws CoreException {
        IProject project = PruneLabProjects.create(workspace, "broken", null, "", null);
        IFile file = project.getFile("prunelab.json");
        file.setContents(new ByteArrayInputStream("{\"format\":1,".getBytes(StandardCharsets.UTF_8)),
                IResource.FORCE, null);
        CoreException e = assertThrows(CoreException.class, () -> PruneLabProjects.read(project));
        assertTrue(e.getMessage().startsWith("/broken/prunelab.json: not valid JSON"), e.getMessage());

        file.delete(true, null);
        e = assertThrows(CoreException.class, () -> PruneLabProjects.read(project));
        assertEquals("/broken/prunelab.json is missing", e.getMessage());
    }
}
