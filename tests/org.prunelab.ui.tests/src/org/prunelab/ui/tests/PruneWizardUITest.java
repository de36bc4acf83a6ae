package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.wizards.PlanPreviewPage;
import org.prunelab.ui.internal.wizards.PruneSettingsPage;
import org.prunelab.ui.internal.wizards.PruneWizard;

/**
 * The prune wizard on a tiny project trained on the committed Fashion-MNIST subset: its choices, the
 * preview of a plan against a network counted by hand, Finish adding the child the tree then shows, and
 * the plans that cannot be made.
 */
class PruneWizardUITest {

    private static TinyProject tiny;

    /** Exposes the wizard dialog's buttons. */
    private static final class TestDialog extends WizardDialog {
        TestDialog(Shell shell, PruneWizard wizard) {
            super(shell, wizard);
            setBlockOnOpen(false);
        }

        void next() {
            nextPressed();
        }

        void finish() {
            finishPressed();
        }
    }

    @BeforeAll
    static void makeTheProject() throws Exception {
        tiny = TinyProject.create("prune-wizard");
    }

    @AfterAll
    static void removeTheProject() throws Exception {
        Job.getJobManager().join(tiny.project(), null);
        tiny.close();
    }

    private static PruneWizard wizard(ModelVersion version) {
        return new PruneWizard(version, version.model() + "/" + version.id(),
                Services.find(MetricRegistry.class).orElseThrow(), Services.find(StrategyRegistry.class).orElseThrow(),
                Services.find(AnalysisRegistry.class).orElseThrow());
    }

    private static TestDialog open(PruneWizard wizard) {
        TestDialog dialog = new TestDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
        dialog.open();
        return dialog;
    }

    /** Uniform 50 % by the L1 norm of weights, without fine-tuning, then the preview page. */
    private static PlanPreviewPage previewHalf(PruneWizard wizard, TestDialog dialog) {
        PruneSettingsPage settings = wizard.settingsPage();
        settings.selectMetric("org.prunelab.metrics.weightL1");
        settings.selectStrategy("org.prunelab.strategies.uniform");
        settings.setGoal("ratio", "50");
        settings.setFineTune(false);
        assertTrue(settings.isPageComplete(), settings.getErrorMessage());
        assertFalse(wizard.canFinish(), "nothing can be pruned before the plan is seen");
        dialog.next();
        PlanPreviewPage preview = wizard.previewPage();
        assertTrue(UiEvents.waitUntil(() -> preview.preview().isPresent() || preview.problem().isPresent(), 60_000),
                preview.summary());
        assertTrue(preview.problem().isEmpty(), preview.problem().toString());
        return preview;
    }

    /** Presses Finish and waits for the pruning job to succeed. */
    private static List<ModelVersion> finish(PruneWizard wizard, TestDialog dialog) throws Exception {
        dialog.finish();
        Job job = wizard.pruningJob();
        assertTrue(UiEvents.waitUntil(() -> job.getResult() != null, 120_000), "pruning did not finish");
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        return tiny.versions();
    }

    @Test
    void theFirstPageListsEveryInstalledMetricWithItsDescription() {
        PruneWizard wizard = wizard(tiny.base());
        TestDialog dialog = open(wizard);
        try {
            List<MetricDescriptor> installed = Services.find(MetricRegistry.class).orElseThrow().descriptors();
            assertEquals(installed.stream().map(d -> d.name() + " — " + d.contribution().description()).toList(),
                    wizard.settingsPage().listedMetrics());
            assertTrue(installed.size() >= 13, "the built-in metrics at least: " + installed.size());
            // a goal that does not parse is said on the page
            wizard.settingsPage().selectStrategy("org.prunelab.strategies.targetFlops");
            // the goal is labelled with its unit and typed as a percentage
            assertEquals(List.of("Kept: 50 % of the parent"), wizard.settingsPage().goalFields());
            wizard.settingsPage().setGoal("keep", "forty percent");
            assertEquals("'Kept' must be a percentage, e.g. 50, not 'forty percent'.",
                    wizard.settingsPage().getErrorMessage());
            assertFalse(wizard.settingsPage().isPageComplete());
            wizard.settingsPage().setGoal("keep", "40");
            assertTrue(wizard.settingsPage().isPageComplete());
        } finally {
            dialog.close();
        }
    }

    @Test
    void theUniformHalfPlanKeepsHalfOfEveryLayerAndPredictsTheHandCountedSize() {
        PruneWizard wizard = wizard(tiny.base());
        TestDialog dialog = open(wizard);
        try {
            PlanPreviewPage page = previewHalf(wizard, dialog);
            PruningService.PrunePreview preview = page.preview().orElseThrow();
            assertEquals(List.of(
                    List.of("conv1", "2", "4", "50.0 %"), List.of("conv2", "2", "4", "50.0 %"),
                    List.of("conv3", "4", "8", "50.0 %"), List.of("conv4", "4", "8", "50.0 %")),
                    page.rows().stream().map(List::of).toList());

            // the planned network, by hand: the small VGG of half the widths
            Network planned = TinyProject.network(List.of(2, 2, 4, 4));
            assertEquals(planned, preview.network());
            Complexity expected = Complexity.of(planned);
            assertEquals(expected, preview.after());
            // conv 1·2·9 + 2·2·9 + 2·4·9 + 4·4·9, batch norms 2·(2+2+4+4), classifier 4·7·7·10 + 10
            assertEquals(18 + 36 + 72 + 144 + 24 + 1970, expected.parameters());
            assertEquals(5022, preview.before().parameters());
            assertEquals(2 * (28 * 28 * 2 * 9 + 28 * 28 * 2 * 2 * 9 + 14 * 14 * 4 * 2 * 9 + 14 * 14 * 4 * 4 * 9
                    + 196 * 10), preview.after().flops());
            assertTrue(page.summary().startsWith("L1 norm of weights ranks the filters; Uniform ratio per layer "
                    + "(Share removed: 50 % of each layer's channels); at least 1 channel per layer, at most 80 % of one "
                    + "removed."), page.summary());
            assertTrue(page.summary().contains("Keeps 12 of 24 channels (50.0 %)."), page.summary());
            assertTrue(page.summary().contains("Parameters: 5,022 → 2,264 (45.1 % of the parent)."), page.summary());
            assertTrue(wizard.canFinish());
        } finally {
            dialog.close();
        }
    }

    @Test
    void thePreviewMeasuresTheAccuracyAfterPruningThatFinishThenStores() throws Exception {
        PruneWizard wizard = wizard(tiny.base());
        TestDialog dialog = open(wizard);
        PlanPreviewPage page = previewHalf(wizard, dialog);
        assertTrue(UiEvents.waitUntil(() -> page.accuracy().isPresent(), 60_000), page.summary());
        PruningService.PrunedAccuracy measured = page.accuracy().orElseThrow();
        // the subset's 1500 training images stand in for the 4000 asked for by default
        assertEquals(1500, measured.batchNormImages());
        assertEquals(500, measured.testImages());
        assertTrue(page.summary().contains(String.format(Locale.ROOT, "Accuracy after pruning, before "
                + "fine-tuning: %.1f %% on 500 test images (the parent: %.1f %%); batch norms re-estimated on 1500 "
                + "training images.", 100 * measured.accuracy(), 100 * tiny.base().evaluation().accuracy())),
                page.summary());

        // without re-estimation the plan is the same and the accuracy is measured again
        dialog.showPage(wizard.settingsPage());
        wizard.settingsPage().setBatchNormImages(0);
        assertFalse(wizard.canFinish(), "the preview shown re-estimated the batch norms");
        dialog.next();
        assertTrue(UiEvents.waitUntil(() -> page.accuracy().isPresent(), 60_000), page.summary());
        assertEquals(0, page.accuracy().get().batchNormImages());
        assertTrue(page.summary().endsWith("; batch norms as the parent's."), page.summary());
        double kept = page.accuracy().get().accuracy();

        dialog.showPage(wizard.settingsPage());
        wizard.settingsPage().setBatchNormImages(PruningService.BATCH_NORM_IMAGES);
        dialog.next();
        assertTrue(UiEvents.waitUntil(() -> page.accuracy().isPresent(), 60_000), page.summary());
        assertEquals(measured, page.accuracy().get(), "measured the same way twice");
        int before = tiny.versions().size();
        List<ModelVersion> versions = finish(wizard, dialog);
        assertEquals(before + 1, versions.size());
        ModelVersion child = versions.get(versions.size() - 1);
        assertEquals("pruned", child.recipe().kind());
        assertEquals(1500, child.recipe().batchNormImages());
        assertEquals(measured.accuracy(), child.evaluation().accuracy(), 1e-12, "the preview's accuracy is the child's");
        System.out.printf("[prune wizard] tiny VGG, uniform 50 %% by L1: %.1f %% after pruning with the parent's batch "
                + "norms, %.1f %% re-estimated%n", 100 * kept, 100 * measured.accuracy());
    }

    @Test
    void finishingAddsAChildNamingTheMetricAndStrategyAndTheTreeShowsIt() throws Exception {
        ExplorationTreeView tree = (ExplorationTreeView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(ExplorationTreeView.ID);
        tree.show(tiny.project());
        int before = tiny.versions().size();
        assertTrue(UiEvents.waitUntil(() -> tiny.project().equals(tree.project())
                && tree.shownVersions().size() == before, 30_000), "nodes: " + tree.shownVersions().size());

        PruneWizard wizard = wizard(tiny.base());
        TestDialog dialog = open(wizard);
        previewHalf(wizard, dialog);
        wizard.settingsPage().setFineTune(true);
        assertTrue(wizard.canFinish(), "the fine-tuning does not change the plan");
        List<ModelVersion> versions = finish(wizard, dialog);
        assertEquals(before + 1, versions.size());
        ModelVersion child = versions.get(versions.size() - 1);
        assertEquals("base", child.parent());
        assertEquals("pruned and fine-tuned", child.recipe().kind());
        assertEquals("org.prunelab.metrics.weightL1", child.recipe().metric());
        assertEquals("org.prunelab.strategies.uniform", child.recipe().strategy());
        assertEquals(0.5, child.recipe().strategySettings().getAsJsonObject().get("ratio").getAsDouble());
        assertEquals(2264, child.evaluation().parameters());
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == before + 1, 30_000),
                "the tree shows the child: " + tree.shownVersions().size());
        assertTrue(tree.shownVersions().contains(child));
    }

    @Test
    void twoStepsMakeAChainOfTwoVersionsEachKeepingTheSquareRootOfTheGoal() throws Exception {
        ModelVersion base = tiny.base();
        int before = tiny.versions().size();
        PruneWizard wizard = wizard(base);
        TestDialog dialog = open(wizard);
        PruneSettingsPage settings = wizard.settingsPage();
        settings.selectMetric("org.prunelab.metrics.weightL1");
        settings.selectStrategy("org.prunelab.strategies.targetAccuracy");
        settings.setSteps(2);
        assertFalse(settings.isPageComplete());
        assertTrue(settings.getErrorMessage().contains("ratio or a keep share can be reached in steps"),
                settings.getErrorMessage());
        settings.selectStrategy("org.prunelab.strategies.uniform");
        settings.setGoal("ratio", "75");
        settings.setFineTune(false);
        assertTrue(settings.isPageComplete(), settings.getErrorMessage());
        dialog.next();
        PlanPreviewPage preview = wizard.previewPage();
        assertTrue(UiEvents.waitUntil(() -> preview.preview().isPresent() || preview.problem().isPresent(), 60_000),
                preview.summary());
        assertTrue(preview.summary().contains("In 2 steps, each re-scored, pruned and fine-tuned"), preview.summary());
        List<ModelVersion> versions = finish(wizard, dialog);
        assertEquals(before + 2, versions.size());
        ModelVersion first = versions.get(versions.size() - 2);
        ModelVersion second = versions.get(versions.size() - 1);
        assertEquals("base", first.parent());
        assertEquals(first.id(), second.parent(), "the second step prunes the first");
        // a quarter kept overall: half of each layer per step (1 − √0.25 = 0.5), 4 → 2 → 1 channels
        assertEquals(0.5, first.recipe().strategySettings().getAsJsonObject().get("ratio").getAsDouble(), 1e-12);
        assertEquals(List.of(1, 1, 2, 2), ModelFiles.network(second.directory()).layersOf(Op.Conv2d.class).stream()
                .map(l -> ((Op.Conv2d) l.op()).filters()).toList());
    }

    @Test
    void aMissingDatasetIsSaidOnThePageAndMakesNoVersion() throws Exception {
        try (TinyProject lost = TinyProject.create("prune-no-data")) {
            Path missing = lost.loseTheDataset();
            PruneWizard wizard = wizard(lost.base());
            TestDialog dialog = open(wizard);
            try {
                wizard.settingsPage().setFineTune(false);
                dialog.next();
                PlanPreviewPage page = wizard.previewPage();
                assertTrue(UiEvents.waitUntil(() -> page.problem().isPresent(), 30_000), page.summary());
                assertTrue(page.problem().orElseThrow().startsWith("No version can be made: "), page.problem().get());
                assertTrue(page.problem().orElseThrow().contains(missing.toString()), page.problem().get());
                assertEquals(page.problem().get(), page.getErrorMessage());
                assertFalse(wizard.canFinish());
            } finally {
                dialog.close();
            }
            assertEquals(List.of("base"), lost.versionFolders());
        }
    }

    @Test
    void aPlanThatWouldEmptyALayerIsSaidOnThePageAndMakesNoVersion() throws Exception {
        int before = tiny.versionFolders().size();
        PruneWizard wizard = wizard(tiny.base());
        TestDialog dialog = open(wizard);
        try {
            wizard.settingsPage().selectStrategy("org.prunelab.strategies.keepSelection");
            wizard.settingsPage().setGoal("kept", "{\"conv2\": []}");
            wizard.settingsPage().setFineTune(false);
            dialog.next();
            PlanPreviewPage page = wizard.previewPage();
            assertTrue(UiEvents.waitUntil(() -> page.problem().isPresent() || page.preview().isPresent(), 60_000));
            String problem = page.problem().orElseThrow();
            assertTrue(problem.contains("keeps 0 channels of 'conv2'"), problem);
            assertFalse(wizard.canFinish());
        } finally {
            dialog.close();
        }
        assertEquals(before, tiny.versionFolders().size());
    }

    @Test
    void aTargetAccuracyOffersToMeasureTheMissingSensitivityAndThenPlans() throws Exception {
        ModelVersion base = tiny.base();
        PruneWizard wizard = wizard(base);
        TestDialog dialog = open(wizard);
        try {
            wizard.settingsPage().selectMetric("org.prunelab.metrics.fpgm");
            wizard.settingsPage().selectStrategy("org.prunelab.strategies.targetAccuracy");
            wizard.settingsPage().setFineTune(false);
            dialog.next();
            PlanPreviewPage page = wizard.previewPage();
            assertTrue(UiEvents.waitUntil(page::offersToMeasure, 60_000), page.summary());
            assertTrue(page.problem().orElseThrow().contains("plans with the layers' sensitivity to FPGM"),
                    page.problem().orElseThrow());
            assertFalse(wizard.canFinish());

            page.measureSensitivity();
            assertTrue(UiEvents.waitUntil(() -> page.preview().isPresent() || page.problem().isPresent()
                    && !page.offersToMeasure() && !page.summary().startsWith("Measuring"), 180_000), page.summary());
            assertTrue(page.preview().isPresent(), page.problem().orElse(page.summary()));
            assertFalse(page.offersToMeasure());
            // measured once and stored with the version, for the metric chosen
            AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElseThrow();
            assertTrue(LayerSensitivity.stored(analyses, base, tiny.data(), "org.prunelab.metrics.fpgm").isPresent());
            assertTrue(LayerSensitivity.stored(analyses, base, tiny.data(), "org.prunelab.metrics.weightL1").isEmpty());
        } finally {
            dialog.close();
        }
    }
}
