package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;
import org.prunelab.ui.PruningPerspective;

/**
 * The Project Explorer's menu of a PruneLab project: PruneLab's wizards, Refresh, Close Project and
 * Properties, without the IDE's Go Into and Close Unrelated Project.
 */
class ProjectExplorerMenuUITest {

    @Test
    void aProjectsMenuOffersRefreshAndCloseButNotTheIdesLeftovers() throws Exception {
        try (DemoCopy copy = DemoCopy.of("explorer-menu", List.of("base"))) {
            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            CommonNavigator explorer = (CommonNavigator) page.showView(PruningPerspective.PROJECT_EXPLORER);
            IProject project = copy.project();
            explorer.getCommonViewer().refresh();
            explorer.selectReveal(new StructuredSelection(project));
            UiEvents.flush();
            assertEquals(List.of(project), explorer.getCommonViewer().getStructuredSelection().toList());

            List<String> items = items(explorer.getCommonViewer().getControl().getMenu());
            assertTrue(items.containsAll(List.of("PruneLab", "Refresh", "Close Project", "Properties")), items.toString());
            assertFalse(items.contains("Go Into"), items.toString());
            assertFalse(items.contains("Close Unrelated Project"), items.toString());
            assertFalse(items.contains("Open Project"), "the project is open: " + items);

            // Close Project closes it; its menu then offers to open it again
            project.close(null);
            UiEvents.flush();
            explorer.selectReveal(new StructuredSelection(project));
            UiEvents.flush();
            List<String> closed = items(explorer.getCommonViewer().getControl().getMenu());
            assertTrue(closed.contains("Open Project"), closed.toString());
            assertFalse(closed.contains("Close Project"), closed.toString());
            project.open(null);
        }
    }

    /** The menu's item texts as it shows them, without mnemonics and accelerators. */
    private static List<String> items(Menu menu) {
        menu.notifyListeners(SWT.Show, new org.eclipse.swt.widgets.Event());
        List<String> texts = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                texts.add(item.getText().replace("&", "").split("\t")[0]);
            }
        }
        menu.notifyListeners(SWT.Hide, new org.eclipse.swt.widgets.Event());
        return texts;
    }
}
