package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;
import org.prunelab.ui.PruningPerspective;

/**
 * The workbench starts in the Pruning perspective, with the Project Explorer on the workspace and the
 * Properties and Progress views.
 */
class PruningPerspectiveUITest {

    @Test
    void workbenchOpensOnThePruningPerspectiveWithItsViews() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(PruningPerspective.ID));
        page.resetPerspective();
        UiEvents.flush();

        assertEquals(PruningPerspective.ID, page.getPerspective().getId());
        assertEquals(PruningPerspective.ID,
                PlatformUI.getWorkbench().getPerspectiveRegistry().getDefaultPerspective(),
                "the application must start in the Pruning perspective");

        IViewPart explorer = page.findView(PruningPerspective.PROJECT_EXPLORER);
        assertNotNull(explorer, "Project Explorer missing");
        assertTrue(page.isPartVisible(explorer));
        CommonNavigator navigator = (CommonNavigator) explorer;
        assertEquals(org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot(),
                navigator.getCommonViewer().getInput(), "the Project Explorer must show the workspace");

        assertNotNull(page.findView(PruningPerspective.EXPLORATION_TREE), "Exploration tree missing");
        assertTrue(page.isPartVisible(page.findView(PruningPerspective.EXPLORATION_TREE)));

        IViewPart properties = page.findView(IPageLayout.ID_PROP_SHEET);
        assertNotNull(properties, "Properties view missing");
        IViewPart progress = page.findView(PruningPerspective.PROGRESS_VIEW);
        assertNotNull(progress, "Progress view missing");
        // NetPrune's screen: performance, filter activation and sparkline matrix are all visible at once
        for (String id : new String[] {PruningPerspective.PERFORMANCE, PruningPerspective.FILTER_ACTIVATION,
                PruningPerspective.SPARKLINE_MATRIX}) {
            assertNotNull(page.findView(id), id + " missing");
            assertTrue(page.isPartVisible(page.findView(id)), id + " hidden");
        }

        // the Training view is a tab behind the performance view from the start, so that it is found before a
        // training brings it up
        IViewReference training = page.findViewReference(PruningPerspective.TRAINING);
        assertNotNull(training, "Training view missing");
        IViewPart performance = page.findView(PruningPerspective.PERFORMANCE);
        // created first: the stack lists the views it holds, not those it would
        IViewPart trainingView = training.getView(true);
        assertTrue(List.of(page.getViewStack(performance)).contains(trainingView), "beside performance");
        assertTrue(page.isPartVisible(performance), "the performance view in front");

        // their icons are SVG: rasterizing them needs SPI Fly with an ASM that reads the running JDK's classes
        for (IViewPart view : new IViewPart[] {explorer, properties, progress}) {
            Image icon = view.getTitleImage();
            assertNotNull(icon, view.getTitle() + " has no icon");
            assertEquals(16, icon.getBounds().width, view.getTitle());
        }
    }

    @Test
    void workbenchStartedWithoutLoggingErrors() throws IOException {
        Path log = Platform.getLogFileLocation().toPath();
        List<String> errors = Files.exists(log) ? Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("!ENTRY ") && line.split(" ").length > 2
                        && line.split(" ")[2].equals(String.valueOf(IStatus.ERROR)))
                .toList() : List.of();
        assertEquals(List.of(), errors, "errors in " + log);
    }
}
