package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;

/**
 * The tips of drawn views follow the pointer and go when a menu or a dialog opens, when the window is
 * deactivated and when the pointer leaves, so that none stays over a menu or a dialog.
 */
class HoverTipsUITest {

    @Test
    void aTipFollowsThePointerAndGoesWhenAMenuOrADialogOpensOrThePointerLeaves() {
        Display display = PlatformUI.getWorkbench().getDisplay();
        Shell shell = new Shell(display);
        try {
            shell.setLayout(new FillLayout());
            Canvas canvas = new Canvas(shell, SWT.NONE);
            HoverTips.show(canvas, (x, y) -> x < 50 ? "left half at " + y : null);
            shell.setSize(100, 60);
            shell.open();
            shell.forceActive();
            assertTrue(UiEvents.waitUntil(() -> display.getActiveShell() == shell, 5_000), "the shell is active");

            move(canvas, 10, 20);
            assertEquals("left half at 20", canvas.getToolTipText());
            move(canvas, 70, 20);
            assertNull(canvas.getToolTipText(), "no tip where there is nothing to say");

            // the control's context menu
            move(canvas, 10, 20);
            canvas.notifyListeners(SWT.MenuDetect, new Event());
            assertNull(canvas.getToolTipText());

            // any other menu: the window's, a view's
            move(canvas, 10, 21);
            Menu menu = new Menu(shell, SWT.POP_UP);
            menu.notifyListeners(SWT.Show, new Event());
            menu.dispose();
            assertNull(canvas.getToolTipText());

            // a dialog opening deactivates the window
            move(canvas, 10, 22);
            Shell dialog = new Shell(shell, SWT.DIALOG_TRIM);
            dialog.setSize(80, 40);
            dialog.open();
            assertTrue(UiEvents.waitUntil(() -> canvas.getToolTipText() == null, 5_000), canvas.getToolTipText());
            dialog.close();

            move(canvas, 10, 23);
            canvas.notifyListeners(SWT.MouseExit, new Event());
            assertNull(canvas.getToolTipText());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void aTipShownByOtherMeansIsHiddenOnceEvenWhenHidingSendsAMouseExit() {
        Display display = PlatformUI.getWorkbench().getDisplay();
        Shell shell = new Shell(display);
        try {
            Canvas canvas = new Canvas(shell, SWT.NONE);
            AtomicInteger hidden = new AtomicInteger();
            // as Draw2d's figure tips are hidden: the canvas is told the pointer left
            HoverTips.hideWith(canvas, () -> {
                hidden.incrementAndGet();
                canvas.notifyListeners(SWT.MouseExit, new Event());
            });
            canvas.notifyListeners(SWT.MenuDetect, new Event());
            assertEquals(1, hidden.get());
            shell.notifyListeners(SWT.Deactivate, new Event());
            assertEquals(2, hidden.get());
            canvas.dispose();
            Menu menu = new Menu(shell, SWT.POP_UP);
            menu.notifyListeners(SWT.Show, new Event());
            menu.dispose();
            assertEquals(2, hidden.get(), "a disposed control's tip is not hidden again");
        } finally {
            shell.dispose();
        }
    }

    @Test
    void theExplorationTreesTipOfANodeGoesWhenItsMenuOpens() throws Exception {
        // a copy: a later test that deletes the workspace's projects must not take the repository's demo along
        try (DemoCopy copy = DemoCopy.of("hover-tips", List.of("base", "v1"))) {
            ExplorationTreeView tree = (ExplorationTreeView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                    .getActivePage().showView(ExplorationTreeView.ID);
            IProject project = copy.project();
            tree.show(project);
            assertTrue(UiEvents.waitUntil(() -> project.equals(tree.project()) && !tree.shownVersions().isEmpty(),
                    30_000), "the tree shows the demo");
            List<ModelVersion> shown = tree.shownVersions();
            Rectangle node = tree.bounds(shown.get(0));
            move(tree.canvas(), node.x + 10, node.y + 10);
            String tip = tree.canvas().getToolTipText();
            assertTrue(tip != null && tip.contains(shown.get(0).model() + "/" + shown.get(0).id() + " ("), tip);
            Event detect = new Event();
            detect.detail = SWT.MENU_KEYBOARD;
            tree.canvas().notifyListeners(SWT.MenuDetect, detect);
            assertNull(tree.canvas().getToolTipText(), "the node's tip went when its menu opened");
        }
    }

    private static void move(Canvas canvas, int x, int y) {
        Event move = new Event();
        move.x = x;
        move.y = y;
        canvas.notifyListeners(SWT.MouseMove, move);
    }
}
