package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IResource;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.performance.PerformanceView;

/**
 * A version folder that cannot be read is marked in the exploration tree with its reason, and the rest of
 * the project is shown and works as before.
 */
class DamagedVersionUITest {

    @Test
    void aDamagedVersionIsMarkedAndHidesNothingElse() throws Exception {
        try (TinyProject tiny = TinyProject.create("damaged")) {
            ModelVersion child = tiny.prune(tiny.base(), 0.5);
            Path models = tiny.folder().resolve("models").resolve(TinyProject.MODEL);
            Path noEvaluation = Files.createDirectories(models.resolve("v7"));
            Files.writeString(noEvaluation.resolve("recipe.json"), "{\"kind\": \"pruned\", \"parent\": \"base\"}");
            Files.createDirectories(models.resolve("v8"));
            tiny.project().refreshLocal(IResource.DEPTH_INFINITE, null);

            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
            PerformanceView performance = (PerformanceView) page.showView(PerformanceView.ID);
            tree.show(tiny.project());
            assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 2 && tree.damagedLines().size() == 2,
                    30_000), "nodes " + tree.shownVersions() + ", damaged " + tree.damagedLines());
            assertEquals(List.of("base", child.id()), tree.shownVersions().stream().map(ModelVersion::id).toList());
            assertEquals(List.of("\u26A0 v7 is damaged: " + noEvaluation.resolve("evaluation.json")
                    + ": incomplete version, evaluation.json is missing", "\u26A0 v8 is damaged: "
                            + models.resolve("v8/recipe.json") + ": empty version folder"), tree.damagedLines());

            // the readable versions work as before
            page.activate(tree);
            tree.setFocus();
            tree.setSelection(new StructuredSelection(child));
            assertTrue(UiEvents.waitUntil(() -> performance.summary() != null
                    && performance.summary().version().equals(child), 30_000), "the performance view shows the child");
        }
    }
}
