package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.lineage.CompareVersionHandler;
import org.prunelab.ui.internal.lineage.CompareVersionsDialog;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.lineage.FineTuneDialog;
import org.prunelab.ui.internal.performance.PerformanceView;
import org.prunelab.ui.internal.sensitivity.LayerSensitivityDialog;
import org.prunelab.ui.internal.wizards.AddDatasetWizard;
import org.prunelab.ui.internal.wizards.ImportModelWizard;
import org.prunelab.ui.internal.wizards.NewModelWizard;
import org.prunelab.ui.internal.wizards.NewPruneLabProjectWizard;
import org.prunelab.ui.internal.wizards.PlanPreviewPage;
import org.prunelab.ui.internal.wizards.PruneSettingsPage;
import org.prunelab.ui.internal.wizards.PruneWizard;
import org.prunelab.ui.sparklines.internal.FilterActivationView;

/**
 * Every wizard and dialog of a lab's workflow, opened on the demo as the workbench opens them, fits the
 * screen with its buttons on it, whatever the screen's size: on a small one a dialog that would not fit
 * is cut by the window manager and its Finish is out of reach. With {@code -Dprunelab.screenshots=FOLDER}
 * each is also saved as the screen shows it, named after the screen's size ({@code ./prunelab screenshots}
 * runs this at 1600 × 1000 and at 1280 × 800 into {@code docs/images/screens}).
 */
class ScreenFitUITest {

    private static DemoCopy demo;
    private static ModelVersion base;
    private static ModelVersion pruned;

    @BeforeAll
    static void copyTheDemo() throws Exception {
        demo = DemoCopy.of("fashion-mnist", List.of("base", "v1"));
        VersionStore store = new VersionStore(demo.folder());
        base = store.version("small-vgg", "base");
        pruned = store.version("small-vgg", "v1");
    }

    @AfterAll
    static void removeTheCopy() throws Exception {
        demo.close();
    }

    private static Shell window() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    @Test
    void thePruningPerspectiveShowsTheDemosBaseInEveryView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        page.resetPerspective();
        ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
        tree.show(demo.project());
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().contains(base), 30_000), "the tree shows base");
        tree.setSelection(new StructuredSelection(base));
        PerformanceView performance = (PerformanceView) page.findView(PruningPerspective.PERFORMANCE);
        FilterActivationView filters = (FilterActivationView) page.findView(PruningPerspective.FILTER_ACTIVATION);
        assertTrue(UiEvents.waitUntil(() -> performance.summary() != null && filters.focus() != null, 120_000),
                "the views show base: " + filters.status());
        shoot("workbench", window());
    }

    @Test
    void newProject() throws Exception {
        NewPruneLabProjectWizard wizard = new NewPruneLabProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        showWizard("new-project", wizard, () -> { }, () -> true);
    }

    @Test
    void addDataset() throws Exception {
        AddDatasetWizard wizard = new AddDatasetWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(demo.project()));
        showWizard("add-dataset", wizard, () -> { },
                () -> wizard.page().preview() != null && wizard.page().thumbnails() > 0);
    }

    @Test
    void newModel() throws Exception {
        NewModelWizard wizard = new NewModelWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(demo.project()));
        showWizard("new-model", wizard, () -> wizard.page().fill("resnet-20", 3, "20", 2), wizard::canFinish);
    }

    @Test
    void importModel() throws Exception {
        ImportModelWizard wizard = new ImportModelWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(demo.project()));
        Path onnx = TinyProject.subset().getParent().resolve("torch").resolve("resnet14.onnx");
        showWizard("import-model", wizard, () -> {
            wizard.page().fill(onnx.toString(), "", "resnet14");
            wizard.page().read();
        }, () -> wizard.page().preview() != null);
    }

    @Test
    void pruneBothPages() throws Exception {
        PruneWizard wizard = new PruneWizard(base, "small-vgg/base", Services.find(MetricRegistry.class).orElseThrow(),
                Services.find(StrategyRegistry.class).orElseThrow(), Services.find(AnalysisRegistry.class).orElseThrow());
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            PruneSettingsPage settings = wizard.settingsPage();
            settings.selectMetric("org.prunelab.metrics.taylor");
            settings.selectStrategy("org.prunelab.strategies.targetFlops");
            settings.setGoal("keep", "40");
            assertTrue(settings.isPageComplete(), settings.getErrorMessage());
            fits(dialog.getShell(), "Next >", "Cancel");
            shoot("prune-settings", dialog.getShell());
            dialog.showPage(wizard.previewPage());
            PlanPreviewPage preview = wizard.previewPage();
            assertTrue(UiEvents.waitUntil(() -> preview.preview().isPresent() || preview.problem().isPresent(), 60_000),
                    preview.summary());
            assertTrue(preview.problem().isEmpty(), preview.problem().toString());
            fits(dialog.getShell(), "Finish", "Cancel");
            shoot("prune-preview", dialog.getShell());
        } finally {
            dialog.close();
        }
    }

    @Test
    void fineTune() throws Exception {
        FineTuneDialog dialog = new FineTuneDialog(window(), "small-vgg/v1");
        showDialog("fine-tune", dialog, "Fine-tune", "Cancel");
    }

    @Test
    void layerSensitivity() throws Exception {
        LayerSensitivityDialog dialog = new LayerSensitivityDialog(window(), "small-vgg/base",
                Services.find(MetricRegistry.class).orElseThrow().descriptors());
        showDialog("layer-sensitivity", dialog, "Measure", "Cancel");
    }

    @Test
    void compare() throws Exception {
        CompareVersionsDialog dialog = CompareVersionHandler.compare(window(), base, pruned, null);
        try {
            assertTrue(UiEvents.waitUntil(() -> dialog.comparison().isPresent(), 30_000), dialog.status());
            fits(dialog.getShell(), "Close");
            shoot("compare", dialog.getShell());
        } finally {
            dialog.close();
        }
    }

    /** Opens a wizard, fills it, and once it is ready checks that it fits and shoots it. */
    private static void showWizard(String name, IWizard wizard, Runnable fill, BooleanSupplier ready)
            throws IOException {
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            fill.run();
            assertTrue(UiEvents.waitUntil(ready, 60_000), name + " did not get ready");
            fits(dialog.getShell(), "Finish", "Cancel");
            shoot(name, dialog.getShell());
        } finally {
            dialog.close();
        }
    }

    private static void showDialog(String name, Dialog dialog, String... buttons) throws IOException {
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            fits(dialog.getShell(), buttons);
            shoot(name, dialog.getShell());
        } finally {
            dialog.close();
        }
    }

    /** The shell lies on the screen, and so does each of its buttons. */
    private static void fits(Shell shell, String... buttons) {
        UiEvents.flush();
        Rectangle screen = shell.getMonitor().getClientArea();
        Rectangle bounds = shell.getBounds();
        assertTrue(screen.intersection(bounds).equals(bounds), shell.getText() + " at " + bounds + " is not within "
                + screen);
        for (String label : buttons) {
            Button button = Dialogs.button(shell, label);
            assertNotNull(button, "no " + label + " in " + shell.getText());
            Rectangle shown = shell.getDisplay().map(button.getParent(), null, button.getBounds());
            assertTrue(button.isVisible() && bounds.intersection(shown).equals(shown)
                    && screen.intersection(shown).equals(shown), label + " of " + shell.getText() + " at " + shown
                            + " is off the dialog " + bounds + " or the screen " + screen);
        }
    }

    /** Saves the screen, with the shell in front, when screenshots are asked for. */
    private static void shoot(String name, Shell shell) throws IOException {
        String folder = System.getProperty("prunelab.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        shell.forceActive();
        // the paints of jobs that just ended, then a moment for the window manager
        UiEvents.waitUntil(() -> false, 500);
        Display display = shell.getDisplay();
        Rectangle screen = display.getBounds();
        Image image = new Image(display, screen.width, screen.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, 0, 0);
            Path out = Files.createDirectories(Path.of(folder));
            ViewExport.writePng(image.getImageData(), out.resolve(name + "-" + screen.width + "x" + screen.height
                    + ".png"));
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
