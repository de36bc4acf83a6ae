package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.project.DatasetImport;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.training.TrainingListener;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.wizards.AddDatasetWizard;
import org.prunelab.ui.internal.wizards.NewModelWizard;
import org.prunelab.ui.internal.wizards.NewPruneLabProjectWizard;
import org.prunelab.ui.internal.wizards.ProjectPropertyPage;

/**
 * A lab's start, in the workbench alone: a new project, a dataset of image folders, a model trained from
 * an architecture, then a second model, shown as a second lineage.
 */
class ProjectWorkflowUITest {

    @AfterEach
    void deleteProjects() throws Exception {
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            Job.getJobManager().join(project, null);
            project.delete(true, true, null);
        }
    }

    @Test
    void theWizardsAreNewWizards() {
        for (String id : List.of(AddDatasetWizard.ID, NewModelWizard.ID)) {
            IWizardDescriptor descriptor = PlatformUI.getWorkbench().getNewWizardRegistry().findWizard(id);
            assertNotNull(descriptor, id);
        }
    }

    @Test
    void aNewProjectGetsImagesAndTwoTrainedModelsWithoutTheCommandLine() throws Exception {
        IProject project = newProject("lab-workflow");
        Path images = Files.createTempDirectory("lab-images");
        writeImageFolders(images);

        AddDatasetWizard dataset = new AddDatasetWizard();
        dataset.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
        FinishingDialog datasetDialog = new FinishingDialog(dataset);
        datasetDialog.open();
        try {
            assertFalse(dataset.canFinish(), "a dataset needs a folder");
            dataset.page().fill("image-folders", images.resolve("missing").toString());
            UiEvents.flush();
            assertTrue(String.valueOf(dataset.page().getMessage()).contains("There is no folder"),
                    dataset.page().getMessage());
            dataset.page().fill("image-folders", images.toString());
            assertTrue(UiEvents.waitUntil(() -> dataset.page().preview() != null, 30_000),
                    String.valueOf(dataset.page().getMessage()));
            assertEquals(List.of("dark", "light"), dataset.page().preview().train().classNames());
            assertEquals(12, dataset.page().preview().train().size());
            assertEquals(4, dataset.page().preview().test().size());
            assertEquals(12, dataset.page().thumbnails(), "six images of each class");
            // the normalisation comes from the training images: 6 at 0.2 and 6 at 0.8, so 0.5 ± 0.3
            assertEquals(0.5, dataset.page().preview().spec().normalization().mean().get(0), 0.01);
            assertEquals(0.3, dataset.page().preview().spec().normalization().std().get(0), 0.01);
            dataset.page().normalization("0.5, 0.5", "0.3");
            UiEvents.flush();
            assertFalse(dataset.canFinish(), "one mean per channel");
            assertTrue(dataset.page().getErrorMessage().contains("give 1 value"), dataset.page().getErrorMessage());
            dataset.page().normalization("0.5", "0.25");
            UiEvents.flush();
            assertTrue(dataset.canFinish(), String.valueOf(dataset.page().getErrorMessage()));
            datasetDialog.finish();
        } finally {
            datasetDialog.close();
        }
        ProjectDescriptor descriptor = PruneLabProjects.read(project);
        assertEquals("image-folders", descriptor.dataset().kind());
        assertEquals(List.of(0.25), descriptor.dataset().normalization().std());

        trainModel(project, "tiny-vgg", 0, "2,2,4,4");
        trainModel(project, "tiny-resnet", 3, "8");
        VersionStore store = new VersionStore(project.getLocation().toPath());
        ModelVersion vgg = store.version("tiny-vgg", "base");
        ModelVersion resnet = store.version("tiny-resnet", "base");
        assertEquals("trained", vgg.recipe().kind());
        assertEquals("resnet:8", resnet.recipe().architecture());
        assertEquals(List.of("tiny-vgg", "tiny-resnet"), PruneLabProjects.read(project).models());

        // the project's Properties page lists them, and edits the description in prunelab.json
        PreferenceDialog properties = PreferencesUtil.createPropertyDialogOn(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), project,
                "org.prunelab.ui.properties.project", null, null);
        properties.setBlockOnOpen(false);
        properties.open();
        try {
            ProjectPropertyPage page = (ProjectPropertyPage) properties.getSelectedPage();
            assertEquals(2, page.models().getItemCount());
            assertEquals("tiny-resnet", page.models().getItem(1).getText(0));
            assertEquals("1", page.models().getItem(1).getText(1));
            assertTrue(page.datasetText().startsWith("image-folders at " + images), page.datasetText());
            page.description().setText("Dark or light?");
            assertTrue(page.performOk());
        } finally {
            properties.close();
        }
        assertEquals("Dark or light?", PruneLabProjects.read(project).description());

        // one lineage per model, one below the other
        ExplorationTreeView tree = (ExplorationTreeView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(ExplorationTreeView.ID);
        tree.show(project);
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 2, 30_000), tree.shownVersions().toString());
        assertEquals(List.of("tiny-vgg", "tiny-resnet"), tree.shownVersions().stream().map(ModelVersion::model).toList());
        assertNotEquals(tree.bounds(tree.shownVersions().get(0)).y, tree.bounds(tree.shownVersions().get(1)).y);

        // another process (the command line) writes a version: the tree shows it within seconds, unrefreshed
        DatasetSpec data = PruneLabProjects.read(project).dataset();
        ModelRuntime runtime = Services.find(ModelRuntime.class).orElseThrow();
        Thread outside = new Thread(() -> {
            try {
                PruningService.fineTune(store, vgg, data, TrainingSettings.adam(1, 1e-3, 8, 1), TrainingListener.NONE,
                        runtime, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        outside.start();
        assertTrue(UiEvents.waitUntil(() -> !outside.isAlive(), 60_000), "the outside write finished");
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 3, 10_000), tree.shownVersions().toString());
    }

    @Test
    void aProjectsMenuOffersPruneLabsWizardsAndNotTheIdesVersionControl() throws Exception {
        IProject project = newProject("menu-study");
        CommonNavigator explorer = (CommonNavigator) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(project));
        UiEvents.flush();
        Menu menu = explorer.getCommonViewer().getControl().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        UiEvents.flush();
        List<String> items = new ArrayList<>();
        Menu pruneLab = null;
        for (MenuItem item : menu.getItems()) {
            items.add(item.getText().replace("&", ""));
            if (item.getText().replace("&", "").equals("PruneLab")) {
                pruneLab = item.getMenu();
            }
        }
        assertNotNull(pruneLab, items.toString());
        pruneLab.notifyListeners(SWT.Show, new Event());
        UiEvents.flush();
        List<String> wizards = new ArrayList<>();
        for (MenuItem item : pruneLab.getItems()) {
            if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                wizards.add(item.getText().replace("&", ""));
            }
        }
        pruneLab.notifyListeners(SWT.Hide, new Event());
        menu.notifyListeners(SWT.Hide, new Event());
        assertEquals(List.of("Add Dataset…", "New Model…", "Import Model…", "Write Report…"), wizards);
        for (String ide : List.of("Team", "Compare With", "Replace With")) {
            assertFalse(items.contains(ide), ide + " in " + items);
        }
    }

    @Test
    void aProjectWhoseImagesAreMissingSaysHowToFetchThem() throws Exception {
        // the demo as the repository holds it: weights, but not the 30 MB of images
        Path folder = Files.createTempDirectory("no-images");
        ProjectFolder created = ProjectFolder.create(folder, "no-images", "images not fetched yet");
        created.update(d -> d.withDataset(new DatasetSpec("fashion-mnist", DatasetImport.FASHION_MNIST_LOCATION,
                Normalization.FASHION_MNIST)));
        IProject project = PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), folder, null);
        ExplorationTreeView tree = (ExplorationTreeView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(ExplorationTreeView.ID);
        tree.show(project);
        assertTrue(UiEvents.waitUntil(() -> tree.bannerText() != null, 30_000), "the banner shows");
        assertTrue(tree.bannerText().contains(folder.resolve("datasets/fashion-mnist") + " is missing"),
                tree.bannerText());
        assertTrue(tree.bannerText().contains("<a href=\"fetch\">Fetch Fashion-MNIST</a>"), tree.bannerText());
        // what a view gets when it asks for the images names the file and says the same
        DatasetSpec data = PruneLabProjects.read(project).dataset();
        Exception e = assertThrows(RuntimeException.class, () -> data.test(folder));
        assertTrue(e.getMessage().contains("Fetch Fashion-MNIST in the Exploration Tree"), e.getMessage());
    }

    private static IProject newProject(String name) {
        NewPruneLabProjectWizard wizard = new NewPruneLabProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            UiEvents.find(wizard.getNamePage().getControl(), Text.class).setText(name);
            UiEvents.flush();
            dialog.finish();
            UiEvents.flush();
        } finally {
            dialog.close();
        }
        return wizard.getCreatedProject();
    }

    private static void trainModel(IProject project, String name, int family, String value) throws Exception {
        NewModelWizard wizard = new NewModelWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            wizard.page().fill(name, family, value, 1);
            assertTrue(UiEvents.waitUntil(wizard::canFinish, 30_000), wizard.page().problemShown());
            dialog.finish();
        } finally {
            dialog.close();
        }
        FinishingDialog.joinSucceeded(wizard.job());
    }

    /** Two classes of 8 × 8 grey images, dark (0.2) and light (0.8): 6 of each to train on, 2 to test. */
    private static void writeImageFolders(Path root) throws IOException {
        for (String split : List.of("train", "test")) {
            for (String name : List.of("dark", "light")) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(name));
                int grey = name.equals("dark") ? 51 : 204;
                for (int i = 0; i < (split.equals("train") ? 6 : 2); i++) {
                    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            image.getRaster().setSample(x, y, 0, grey);
                        }
                    }
                    ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
    }
}
