package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.graph.internal.ModelGraphView;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.performance.PerformanceView;
import org.prunelab.ui.sparklines.internal.FilterActivationView;
import org.prunelab.ui.sparklines.internal.SparklineMatrixView;

/**
 * A version deleted from the exploration tree leaves every view: none of them goes on showing it.
 */
class DeletedVersionUITest {

    @Test
    void everyViewDropsAVersionDeletedInTheTree() throws Exception {
        try (TinyProject tiny = TinyProject.create("deleted")) {
            ModelVersion child = tiny.prune(tiny.base(), 0.5);
            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
            PerformanceView performance = (PerformanceView) page.showView(PerformanceView.ID);
            ModelGraphView graph = (ModelGraphView) page.showView(ModelGraphView.ID);
            FilterActivationView filters = (FilterActivationView) page.showView(PruningPerspective.FILTER_ACTIVATION);
            SparklineMatrixView sparklines = (SparklineMatrixView) page.showView(PruningPerspective.SPARKLINE_MATRIX);
            tree.show(tiny.project());
            assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 2, 30_000), "the tree shows both");

            // the child selected in the tree: every view shows it
            page.activate(tree);
            tree.setFocus();
            tree.setSelection(new StructuredSelection(child));
            assertTrue(UiEvents.waitUntil(() -> performance.summary() != null
                    && performance.summary().version().equals(child), 30_000), "the performance view shows it");
            assertTrue(UiEvents.waitUntil(() -> child.equals(graph.shownVersion()) && !graph.busy(), 30_000),
                    graph.status());
            assertTrue(UiEvents.waitUntil(() -> filters.focus() != null && filters.focus().version().equals(child),
                    60_000), filters.status());
            assertTrue(UiEvents.waitUntil(() -> sparklines.matrix() != null, 10_000), "the matrix is drawn");
            page.activate(tree);
            tree.setFocus();
            assertEquals(child, ((IStructuredSelection) page.getSelection()).getFirstElement());

            // Delete, confirmed
            List<String> asked = Dialogs.answer("Delete Version", shell -> Dialogs.press(shell, "Delete"));
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                    .executeCommand("org.eclipse.ui.edit.delete", null);
            assertTrue(asked.stream().anyMatch(t -> t.startsWith("Delete tiny/" + child.id() + "?")), asked.toString());
            assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 1, 30_000), "the tree drops it");
            Job.getJobManager().join(tiny.project(), null);

            assertTrue(UiEvents.waitUntil(() -> performance.summary() == null, 10_000),
                    "the performance view still shows " + performance.summary());
            assertEquals(List.of(), performance.figures());
            assertTrue(performance.trainingMessage().orElseThrow().startsWith("Select a version"),
                    performance.trainingMessage().toString());
            assertTrue(UiEvents.waitUntil(() -> graph.shownVersion() == null, 10_000),
                    "the graph still shows " + graph.shownVersion());
            assertTrue(graph.status().startsWith("Select a version"), graph.status());
            assertTrue(graph.boxes().isEmpty());
            assertTrue(UiEvents.waitUntil(() -> filters.focus() == null, 10_000),
                    "the filter view still shows " + filters.focus());
            assertTrue(filters.getSelection().isEmpty());
            assertTrue(UiEvents.waitUntil(() -> sparklines.matrix() == null, 10_000),
                    "the sparkline matrix still shows its filters");
            assertTrue(tree.getSelection().isEmpty());
            assertNull(performance.summary());
        }
    }
}
