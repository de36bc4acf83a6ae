package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.PruneLabProjects;

/**
 * JSON files of a project (its prunelab.json, a version's recipe) open in the text editor, as a
 * double-click in the Project Explorer opens them.
 */
class JsonEditorUITest {

    /** The id of org.eclipse.ui.editors' default text editor. */
    private static final String TEXT_EDITOR = "org.eclipse.ui.DefaultTextEditor";

    private Path folder;
    private IProject project;

    @BeforeEach
    void makeAProject() throws Exception {
        folder = Files.createTempDirectory("json-editor");
        ProjectFolder.create(folder, "json-editor", "JSON files in the text editor");
        Files.writeString(folder.resolve("notes.json"), "{\"note\": \"kept by hand\"}\n", StandardCharsets.UTF_8);
        project = PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), folder, null);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    @AfterEach
    void removeIt() throws Exception {
        IWorkbenchPage page = page();
        page.closeAllEditors(false);
        // the Pruning perspective has no editor area; opening an editor showed it
        page.setEditorAreaVisible(false);
        project.delete(true, true, null);
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @Test
    void theProjectDescriptorOpensInTheTextEditor() throws Exception {
        IFile descriptor = project.getFile(ProjectDescriptor.FILE_NAME);
        assertText(IDE.openEditor(page(), descriptor), descriptor);
    }

    @Test
    void anyJsonFileOpensInTheTextEditor() throws Exception {
        IFile notes = project.getFile("notes.json");
        assertText(IDE.openEditor(page(), notes), notes);
    }

    private static void assertText(IEditorPart editor, IFile file) throws Exception {
        assertEquals(TEXT_EDITOR, editor.getSite().getId(), "opened in " + editor.getSite().getId());
        ITextEditor text = assertInstanceOf(ITextEditor.class, editor);
        String shown = text.getDocumentProvider().getDocument(text.getEditorInput()).get();
        assertEquals(Files.readString(file.getLocation().toFile().toPath(), StandardCharsets.UTF_8), shown);
        UiEvents.flush();
        assertTrue(page().isPartVisible(editor), "the editor is not visible");
        Control shownText = editor.getAdapter(Control.class);
        assertTrue(shownText.getSize().y >= 100, "the editor is too short to read: " + shownText.getSize());
    }
}
