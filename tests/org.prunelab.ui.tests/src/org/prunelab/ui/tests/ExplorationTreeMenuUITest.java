package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.eclipse.core.commands.Command;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.strategies.PlanPrediction;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.LayerSensitivityAnalysis;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PlanApplication;
import org.prunelab.core.versions.SavedPlans;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.lineage.CompareVersionHandler;
import org.prunelab.ui.internal.lineage.CompareVersionsDialog;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.lineage.ExportVersionHandler;
import org.prunelab.ui.internal.lineage.FineTuneVersionHandler;
import org.prunelab.ui.internal.lineage.VersionComparison;
import org.prunelab.ui.planning.internal.PlanView;
import org.prunelab.ui.planning.internal.SensitivityView;

/**
 * The exploration tree's context menu on a tiny project trained on the committed Fashion-MNIST subset:
 * the six commands, and what rename, delete, compare, fine-tune and export do to the project and the tree.
 * The commands run as a user runs them, through the workbench's handlers, with their dialogs answered.
 */
class ExplorationTreeMenuUITest {

    private static TinyProject tiny;

    @BeforeAll
    static void makeTheProject() throws Exception {
        tiny = TinyProject.create("tree-menu");
    }

    @AfterAll
    static void removeTheProject() throws Exception {
        Job.getJobManager().join(tiny.project(), null);
        tiny.close();
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** The tree on the tiny project, active, once it shows the versions on disk. */
    private static ExplorationTreeView tree() throws Exception {
        ExplorationTreeView view = (ExplorationTreeView) page().showView(ExplorationTreeView.ID);
        view.show(tiny.project());
        int expected = tiny.versions().size();
        assertTrue(UiEvents.waitUntil(() -> view.project().equals(tiny.project())
                && view.shownVersions().size() == expected, 30_000), "nodes: " + view.shownVersions().size());
        page().activate(view);
        view.setFocus();
        return view;
    }

    private static ModelVersion shown(ExplorationTreeView view, String id) {
        return view.shownVersions().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    private static void select(ExplorationTreeView view, ModelVersion version) {
        // as a user's click into the tree after a dialog: the window and the view are active again
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().forceActive();
        page().activate(view);
        view.setFocus();
        view.setSelection(new StructuredSelection(version));
        UiEvents.flush();
        assertEquals(version, ((IStructuredSelection) page().getSelection()).getFirstElement(),
                "the workbench's selection is the version");
        Command prune = PlatformUI.getWorkbench().getService(ICommandService.class)
                .getCommand("org.prunelab.ui.commands.pruneVersion");
        assertTrue(UiEvents.waitUntil(prune::isEnabled, 5_000), "the commands are enabled; active part: "
                + page().getActivePart());
    }

    private static void execute(String command) throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class).executeCommand(command,
                null);
    }

    /** The menu's items as a right-click on a node shows them: label (without mnemonic and key), enabled. */
    private static Map<String, Boolean> rightClick(ExplorationTreeView view, ModelVersion version) {
        Rectangle node = view.bounds(version);
        Point onScreen = view.canvas().toDisplay(node.x + 20, node.y + 20);
        Event detect = new Event();
        detect.x = onScreen.x;
        detect.y = onScreen.y;
        detect.detail = SWT.MENU_MOUSE;
        view.canvas().notifyListeners(SWT.MenuDetect, detect);
        Menu menu = view.canvas().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        UiEvents.flush();
        Map<String, Boolean> items = new LinkedHashMap<>();
        for (MenuItem item : menu.getItems()) {
            if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                String text = item.getText();
                int tab = text.indexOf('\t');
                items.put((tab < 0 ? text : text.substring(0, tab)).replace("&", ""), item.isEnabled());
            }
        }
        menu.notifyListeners(SWT.Hide, new Event());
        return items;
    }

    @Test
    void theMenuOfANodeHasItsCommandsAndTheProjectsAndARightClickSelectsIt() throws Exception {
        ExplorationTreeView view = tree();
        view.setSelection(StructuredSelection.EMPTY);
        ModelVersion base = shown(view, "base");
        Map<String, Boolean> items = rightClick(view, base);
        assertEquals(base, ((IStructuredSelection) view.getSelection()).getFirstElement(), "the right-click selected it");
        assertEquals(List.of("Prune…", "Fine-tune…", "Compare with…", "Analyse", "Rename…", "Delete", "Export…",
                "New Model…", "Import Model…", "Add Dataset…", "Write Report…"), List.copyOf(items.keySet()));
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, true, true), List.copyOf(items.values()),
                "every command acts on the selected version, or its project");
        // on the empty canvas nothing is selected and the commands are disabled
        Rectangle bottom = view.canvas().getClientArea();
        Event detect = new Event();
        Point empty = view.canvas().toDisplay(bottom.width - 2, bottom.height - 2);
        detect.x = empty.x;
        detect.y = empty.y;
        detect.detail = SWT.MENU_MOUSE;
        view.canvas().notifyListeners(SWT.MenuDetect, detect);
        assertTrue(view.getSelection().isEmpty());
    }

    @Test
    void renameChangesTheShownLabelAndSurvivesAReload() throws Exception {
        ModelVersion child = tiny.prune(tiny.base(), 0.5);
        ExplorationTreeView view = tree();
        ModelVersion shown = shown(view, child.id());
        assertEquals(child.id() + " · L1 norm of weights", view.title(shown));
        select(view, shown);
        List<String> asked = Dialogs.answer("Rename Version", shell -> {
            UiEvents.find(shell, Text.class).setText("  half width, L1  ");
            Dialogs.press(shell, "OK");
        });
        execute("org.eclipse.ui.edit.rename");
        assertTrue(asked.stream().anyMatch(t -> t.contains("its id stays " + child.id())), asked.toString());
        assertTrue(UiEvents.waitUntil(() -> view.label(shown).isPresent(), 30_000), "the tree shows the name");
        assertEquals("half width, L1 (" + child.id() + ")", view.title(shown));
        assertEquals("half width, L1", tiny.store().label(child).orElseThrow());
        assertEquals(child.id(), tiny.store().version(TinyProject.MODEL, child.id()).id(), "the id stays");

        // a new tree reads it from the disk
        page().hideView(view);
        ExplorationTreeView reopened = tree();
        assertEquals("half width, L1 (" + child.id() + ")", reopened.title(shown(reopened, child.id())));

        // an empty name shows the id again
        select(reopened, shown(reopened, child.id()));
        Dialogs.answer("Rename Version", shell -> {
            UiEvents.find(shell, Text.class).setText("");
            Dialogs.press(shell, "OK");
        });
        execute("org.eclipse.ui.edit.rename");
        assertTrue(UiEvents.waitUntil(() -> reopened.label(shown(reopened, child.id())).isEmpty(), 30_000));
        assertTrue(Files.notExists(child.directory().resolve(VersionStore.LABEL_FILE)));
    }

    @Test
    void deletingALeafRemovesExactlyItsFolder() throws Exception {
        ModelVersion leaf = tiny.prune(tiny.base(), 0.25);
        ExplorationTreeView view = tree();
        int nodes = view.shownVersions().size();
        List<String> before = tiny.versionFolders();
        select(view, shown(view, leaf.id()));
        List<String> asked = Dialogs.answer("Delete Version", shell -> Dialogs.press(shell, "Delete"));
        execute("org.eclipse.ui.edit.delete");
        assertTrue(asked.stream().anyMatch(t -> t.startsWith("Delete tiny/" + leaf.id() + "?")), asked.toString());
        assertTrue(UiEvents.waitUntil(() -> view.shownVersions().size() == nodes - 1, 30_000),
                "nodes: " + view.shownVersions().size());
        List<String> after = new ArrayList<>(before);
        after.remove(leaf.id());
        assertEquals(after, tiny.versionFolders(), "only the leaf's folder went, and nothing was left behind");
        assertTrue(view.getSelection().isEmpty(), "the deleted version is no longer selected");
    }

    @Test
    void deletingAVersionWithChildrenListsThemAndTakesAllOrNothing() throws Exception {
        ModelVersion middle = tiny.prune(tiny.base(), 0.25);
        ModelVersion grandchild = tiny.prune(middle, 0.5);
        ExplorationTreeView view = tree();
        List<String> before = tiny.versionFolders();
        assertEquals(List.of(grandchild), view.descendants(shown(view, middle.id())));

        // the store refuses without the descendants
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> tiny.store().delete(middle, false));
        assertTrue(refused.getMessage().contains(grandchild.id()), refused.getMessage());
        assertEquals(before, tiny.versionFolders());

        // the dialog lists what goes; Cancel keeps everything
        select(view, shown(view, middle.id()));
        List<String> asked = Dialogs.answer("Delete Version", shell -> Dialogs.press(shell, "Cancel"));
        execute("org.eclipse.ui.edit.delete");
        String question = String.join("\n", asked);
        assertTrue(question.contains("tiny/" + middle.id() + " has 1 version made from it"), question);
        assertTrue(question.contains("tiny/" + grandchild.id() + " — pruned from " + middle.id()), question);
        UiEvents.flush();
        assertEquals(before, tiny.versionFolders());

        // confirmed, both go at once
        int nodes = view.shownVersions().size();
        select(view, shown(view, middle.id()));
        Dialogs.answer("Delete Version", shell -> Dialogs.press(shell, "Delete 2 Versions"));
        execute("org.eclipse.ui.edit.delete");
        assertTrue(UiEvents.waitUntil(() -> view.shownVersions().size() == nodes - 2, 30_000));
        List<String> after = new ArrayList<>(before);
        after.removeAll(List.of(middle.id(), grandchild.id()));
        assertEquals(after, tiny.versionFolders());
    }

    @Test
    void compareShowsBothVersionsAndTheirLayerWidths() throws Exception {
        ModelVersion child = tiny.prune(tiny.base(), 0.5);
        ExplorationTreeView view = tree();
        // base is A, the version the command is chosen on; the child, picked, is B
        select(view, shown(view, "base"));
        CompareVersionsDialog dialog = compareWith("tiny/base", "tiny/" + child.id());
        try {
            assertTrue(UiEvents.waitUntil(() -> dialog.comparison().isPresent(), 30_000), dialog.status());
            VersionComparison comparison = dialog.comparison().orElseThrow();
            assertEquals(tiny.base(), comparison.first());
            assertEquals(child, comparison.second());
            assertEquals("Compare tiny/base with tiny/" + child.id(), dialog.getShell().getText());

            Table figures = dialog.figuresTable();
            Map<String, TableItem> rows = Arrays.stream(figures.getItems())
                    .collect(Collectors.toMap(i -> i.getText(0), i -> i));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * tiny.base().evaluation().accuracy()),
                    rows.get("Test accuracy").getText(1));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * child.evaluation().accuracy()),
                    rows.get("Test accuracy").getText(2));
            assertEquals("5,022", rows.get("Parameters").getText(1));
            assertEquals("2,264", rows.get("Parameters").getText(2));
            assertEquals("-2,758 (45.1 % of A)", rows.get("Parameters").getText(3));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * child.evaluation().perClassAccuracy()[6]),
                    rows.get("Accuracy: Shirt").getText(2));
            assertEquals(8 + 10, figures.getItemCount(), "eight figures and ten classes");
            assertEquals(List.of("1.000", "not computed"), List.of(rows.get("Sp2PS against the root").getText(1),
                    rows.get("Sp2PS against the root").getText(2)), "base is the root; its child was never compared");
            // fewer parameters count as better: B's cell is green
            assertEquals(new RGB(214, 239, 221), rows.get("Parameters").getBackground(3).getRGB());

            Table layers = dialog.layersTable();
            List<String> widths = Arrays.stream(layers.getItems())
                    .map(i -> i.getText(0) + " " + i.getText(1) + " " + i.getText(2) + " " + i.getText(3)).toList();
            assertEquals(List.of("conv1 4 2 -2 (50 % of A)", "conv2 4 2 -2 (50 % of A)", "conv3 8 4 -4 (50 % of A)",
                    "conv4 8 4 -4 (50 % of A)", "fc 10 10 "), widths);
            assertFalse(layers.getItem(0).getBackground(0).equals(layers.getItem(4).getBackground(0)),
                    "changed layers are highlighted, the unchanged classifier is not");
            assertTrue(dialog.status().startsWith("4 of 5 layers differ"), dialog.status());

            // both tables export as CSV from their context menu, as shown
            // (the menu manager fills the menu when it is about to show)
            figures.getMenu().notifyListeners(SWT.Show, new Event());
            assertEquals("Export CSV…", figures.getMenu().getItem(0).getText());
            List<List<String>> csv = ViewExport.rows(layers);
            assertEquals(List.of("Layer", "A", "B", "B − A", "Widths: A grey, B teal"), csv.get(0));
            assertEquals(List.of("conv1", "4", "2", "-2 (50 % of A)", ""), csv.get(1));
        } finally {
            dialog.close();
        }

        // the comparison of the figures does not depend on the dialog
        ModelVersion base = tiny.base();
        VersionComparison direct = VersionComparison.read(child, base);
        assertEquals(List.of(2, 2, 4, 4, 10), direct.layers().stream().map(VersionComparison.LayerWidths::a).toList());
        assertEquals(-1, direct.figures().stream().filter(f -> f.measure().equals("Parameters")).findFirst()
                .orElseThrow().verdict(), "A → B adds parameters");
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        CompareVersionsDialog again = CompareVersionHandler.compare(shell, base, child, view);
        assertNotNull(again.getShell());
        again.close();
    }

    @Test
    void compareKeepsAAndBAsChosenWhenBComesFirstInTheTree() throws Exception {
        ModelVersion child = tiny.prune(tiny.base(), 0.5);
        ExplorationTreeView view = tree();
        List<ModelVersion> order = view.shownVersions();
        assertTrue(order.indexOf(shown(view, "base")) < order.indexOf(shown(view, child.id())),
                "the tree shows base before its child: " + order);
        // the child is chosen first (A), then its parent is picked (B), though the tree and the ids put base first
        select(view, shown(view, child.id()));
        List<String> picker = Dialogs.answer("Compare tiny/" + child.id(), shell -> pick(shell, "tiny/base"));
        execute("org.prunelab.ui.commands.compareVersions");
        CompareVersionsDialog dialog = openComparison();
        try {
            assertTrue(picker.contains("Compare tiny/" + child.id() + " (A) with (B):"), picker.toString());
            assertTrue(UiEvents.waitUntil(() -> dialog.comparison().isPresent(), 30_000), dialog.status());
            assertEquals(child, dialog.comparison().orElseThrow().first());
            assertEquals(tiny.base(), dialog.comparison().orElseThrow().second());
            assertEquals("Compare tiny/" + child.id() + " with tiny/base", dialog.getShell().getText());
            Map<String, TableItem> rows = Arrays.stream(dialog.figuresTable().getItems())
                    .collect(Collectors.toMap(i -> i.getText(0), i -> i));
            assertEquals(List.of("A", "B", "B − A"), Arrays.stream(dialog.figuresTable().getColumns()).skip(1)
                    .map(c -> c.getText()).toList());
            assertEquals(List.of("2,264", "5,022", "+2,758 (221.8 % of A)"), List.of(rows.get("Parameters").getText(1),
                    rows.get("Parameters").getText(2), rows.get("Parameters").getText(3)));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * child.evaluation().accuracy()),
                    rows.get("Test accuracy").getText(1));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * tiny.base().evaluation().accuracy()),
                    rows.get("Test accuracy").getText(2));
            // more parameters count as worse: B's cell is red
            assertEquals(new RGB(248, 218, 212), rows.get("Parameters").getBackground(3).getRGB());
            TableItem conv1 = dialog.layersTable().getItem(0);
            assertEquals(List.of("conv1", "2", "4", "+2 (200 % of A)"), List.of(conv1.getText(0), conv1.getText(1),
                    conv1.getText(2), conv1.getText(3)));
        } finally {
            dialog.close();
        }
    }

    /** Runs Compare with… on the selected version (A) and picks B in its picker; the dialog that opens. */
    private static CompareVersionsDialog compareWith(String a, String b) throws Exception {
        Dialogs.answer("Compare " + a, shell -> pick(shell, b));
        execute("org.prunelab.ui.commands.compareVersions");
        return openComparison();
    }

    private static CompareVersionsDialog openComparison() {
        return Arrays.stream(PlatformUI.getWorkbench().getDisplay().getShells())
                .filter(s -> s.getData() instanceof CompareVersionsDialog).map(s -> (CompareVersionsDialog) s.getData())
                .findFirst().orElseThrow();
    }

    /**
     * Selects the picker's line of a version, as a click does, and presses OK; the picker fills its list in
     * the background, so this waits for the line (for up to 10 seconds).
     */
    private static void pick(Shell picker, String version) {
        Table list = descendants(picker).stream().filter(Table.class::isInstance).map(Table.class::cast).findFirst()
                .orElseThrow();
        long end = System.currentTimeMillis() + 10_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (list.isDisposed()) {
                return;
            }
            TableItem[] items = list.getItems();
            for (int line = 0; line < items.length; line++) {
                if (items[line].getText().startsWith(version + " — ")) {
                    list.setSelection(line);
                    list.notifyListeners(SWT.Selection, new Event());
                    Dialogs.pressWhenEnabled(picker, "OK");
                    return;
                }
            }
            if (System.currentTimeMillis() < end) {
                picker.getDisplay().timerExec(50, poll[0]);
            } else {
                Dialogs.press(picker, "Cancel");
            }
        };
        poll[0].run();
    }

    private static List<Control> descendants(Control root) {
        List<Control> all = new ArrayList<>(List.of(root));
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                all.addAll(descendants(child));
            }
        }
        return all;
    }

    @Test
    void fineTuningAddsAChildThatTheTreeShows() throws Exception {
        ExplorationTreeView view = tree();
        int nodes = view.shownVersions().size();
        select(view, shown(view, "base"));
        Dialogs.answer("Fine-tune", shell -> Dialogs.press(shell, "Fine-tune"));
        execute("org.prunelab.ui.commands.fineTuneVersion");
        assertTrue(UiEvents.waitUntil(() -> view.shownVersions().size() == nodes + 1, 60_000),
                "nodes: " + view.shownVersions().size());
        ModelVersion tuned = view.shownVersions().stream().filter(v -> "fine-tuned".equals(v.recipe().kind()))
                .findFirst().orElseThrow();
        assertEquals("base", tuned.parent());
        assertEquals(TrainingSettings.adam(1, 1e-3, 128, 1), tuned.recipe().training(), "the dialog's defaults");
        assertTrue(Files.isRegularFile(tuned.directory().resolve("history.json")));
    }

    @Test
    void aFineTuneWithoutDatasetFailsNamingItAndAddsNothing() throws Exception {
        try (TinyProject lost = TinyProject.create("no-data")) {
            Path missing = lost.loseTheDataset();
            VersionJob job = FineTuneVersionHandler.fineTune(lost.base(), "tiny/base", TrainingSettings.adam(1, 1));
            job.schedule();
            assertTrue(UiEvents.waitUntil(() -> job.getResult() != null, 30_000));
            assertFalse(job.getResult().isOK());
            assertTrue(job.problem().orElseThrow().contains(missing.toString()), job.problem().toString());
            assertEquals(List.of("base"), lost.versionFolders());
        }
    }

    @Test
    void exportCopiesTheVersionToAFolderAZipAndOnnx() throws Exception {
        Path target = Files.createTempDirectory("export");
        try {
            ModelVersion base = tiny.base();
            List<String> files;
            // every file, the analyses stored with the version among them
            try (Stream<Path> all = Files.walk(base.directory())) {
                files = all.filter(Files::isRegularFile).map(p -> base.directory().relativize(p).toString()
                        .replace('\\', '/')).sorted().toList();
            }
            assertTrue(files.containsAll(List.of(ModelFiles.NETWORK_FILE, ModelFiles.WEIGHTS_FILE,
                    VersionStore.RECIPE_FILE, VersionStore.EVALUATION_FILE)), files.toString());

            VersionJob folder = ExportVersionHandler.toFolder(base, target);
            folder.schedule();
            folder.join();
            assertTrue(folder.getResult().isOK(), folder.getResult().toString());
            for (String file : files) {
                assertEquals(-1L, Files.mismatch(base.directory().resolve(file), target.resolve("tiny-base").resolve(file)),
                        file);
            }
            // a second export into the same directory is refused and changes nothing
            VersionJob again = ExportVersionHandler.toFolder(base, target);
            again.schedule();
            again.join();
            assertTrue(again.problem().orElseThrow().contains("exists already"), again.problem().toString());

            Path zip = target.resolve("tiny-base.zip");
            VersionJob zipped = ExportVersionHandler.toZip(base, zip);
            zipped.schedule();
            zipped.join();
            assertTrue(zipped.getResult().isOK(), zipped.getResult().toString());
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                assertEquals(files.stream().map(f -> "tiny-base/" + f).toList(),
                        archive.stream().map(e -> e.getName()).sorted().toList());
                assertEquals(Files.size(base.directory().resolve(ModelFiles.WEIGHTS_FILE)),
                        archive.getEntry("tiny-base/" + ModelFiles.WEIGHTS_FILE).getSize());
            }
            // its network and weights as ONNX, which reads back as the same layers
            Path onnx = target.resolve("tiny-base.onnx");
            VersionJob exported = ExportVersionHandler.toOnnx(base, onnx);
            exported.schedule();
            exported.join();
            assertTrue(exported.getResult().isOK(), exported.getResult().toString());
            assertEquals(ModelFiles.network(base.directory()).layers().stream().map(l -> l.id() + " " + l.op().type())
                    .toList(), OnnxImport.read(onnx).network().layers().stream().map(l -> l.id() + " " + l.op().type())
                    .toList());
            try (Stream<Path> left = Files.list(target)) {
                assertEquals(List.of("tiny-base", "tiny-base.onnx", "tiny-base.zip"),
                        left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files are left");
            }
        } finally {
            try (Stream<Path> all = Files.walk(target)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void layerSensitivityFromTheTreeIsStoredWithTheVersionAndDrawnInItsView() throws Exception {
        ExplorationTreeView view = tree();
        ModelVersion base = shown(view, "base");
        select(view, base);
        List<String> asked = Dialogs.answer("Layer Sensitivity", shell -> {
            UiEvents.find(shell, Text.class).setText("25, 50, 75");
            Dialogs.press(shell, "Measure");
        });
        execute("org.prunelab.ui.commands.layerSensitivity");
        assertTrue(UiEvents.waitUntil(() -> !asked.isEmpty(), 30_000), "the dialog was shown");
        UiEvents.waitUntil(() -> Job.getJobManager().find(tiny.project()).length == 0, 180_000);
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElseThrow();
        List<SensitivityCurves> stored = LayerSensitivity.storedAll(analyses, base, tiny.data());
        assertEquals(1, stored.size(), "measured once and stored with the version");
        SensitivityCurves curves = stored.get(0);
        assertEquals(List.of(0.25, 0.5, 0.75), curves.ratios());
        assertEquals(LayerSensitivityAnalysis.DEFAULT_METRIC, curves.metric());
        assertEquals(4, curves.accuracy().size(), "a curve per convolution of the tiny network");

        // the view draws what is stored, a curve per layer, and a click on one selects its layer everywhere
        SensitivityView sensitivity = (SensitivityView) page().showView(SensitivityView.ID);
        sensitivity.show(base, null);
        assertTrue(UiEvents.waitUntil(() -> sensitivity.loaded() != null && !sensitivity.busy(), 60_000),
                sensitivity.status());
        assertEquals(List.of(curves), sensitivity.loaded().curves());
        assertEquals(List.of("conv1", "conv2", "conv3", "conv4"),
                sensitivity.loaded().groups().stream().map(g -> g.id()).toList());
        assertTrue(sensitivity.status().startsWith("base, "), sensitivity.status());
        assertTrue(sensitivity.status().contains("with 50 % of one layer's channels removed: most sensitive"),
                sensitivity.status());
        List<List<String>> csv = sensitivity.table();
        assertEquals(1 + 4 * 3, csv.size());
        assertEquals(List.of("conv3", "conv3", "8", LayerSensitivityAnalysis.DEFAULT_METRIC, "0.500000"),
                csv.get(1 + 2 * 3 + 1).subList(0, 5));
        assertEquals(curves.accuracy().get("conv3").get(1), Double.parseDouble(csv.get(1 + 2 * 3 + 1).get(5)), 1e-6);
        sensitivity.pickGroup("conv3");
        UiEvents.flush();
        assertEquals(new SelectedLayer(base, "conv3"), ((IStructuredSelection) page().getSelection()).getFirstElement(),
                "the layer is the workbench's selection");

        // a plan set layer by layer, predicted as it is edited, then applied: the child has the plan's widths
        PlanView plan = (PlanView) page().showView(PlanView.ID);
        plan.show(base);
        assertTrue(UiEvents.waitUntil(() -> plan.loaded() != null && !plan.busy(), 60_000), plan.status());
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("conv1", 0.5);
        shares.put("conv3", 0.25);
        plan.setShares(shares);
        PlanPrediction predicted = PlanPrediction.of(ModelFiles.network(base.directory()), shares, curves);
        assertTrue(plan.prediction().contains(String.format(Locale.ROOT, "Parameters %,d → %,d",
                predicted.before().parameters(), predicted.after().parameters())), plan.prediction());
        assertTrue(plan.prediction().contains(String.format(Locale.ROOT, "predicted accuracy %.1f %%",
                100 * predicted.accuracy())), plan.prediction());
        // saved in the project, compared with the one set, reopened
        plan.savePlan("half conv1");
        assertTrue(UiEvents.waitUntil(() -> !plan.busy() && plan.loaded().plans().size() == 1, 30_000), plan.status());
        assertTrue(plan.comparison().contains(String.format(Locale.ROOT, "half conv1 (made for base): parameters "
                + "%.1f %%", 100.0 * predicted.after().parameters() / predicted.before().parameters())),
                plan.comparison());
        assertEquals(List.of(new SavedPlans.Plan("half conv1", "base", LayerSensitivityAnalysis.DEFAULT_METRIC,
                plan.shares())), SavedPlans.list(tiny.folder(), TinyProject.MODEL));
        plan.setShares(Map.of());
        plan.reopenPlan("half conv1");
        assertEquals(0.5, plan.shares().get("conv1"), 1e-12);
        assertEquals(0.25, plan.shares().get("conv3"), 1e-12);

        int before = tiny.versions().size();
        plan.setFineTune(false);
        plan.applyPlan();
        assertTrue(UiEvents.waitUntil(() -> plan.applied() != null, 180_000), plan.status());
        ModelVersion child = plan.applied().child();
        assertEquals(before + 1, tiny.versions().size());
        assertEquals(List.of(2, 4, 6, 8), ModelFiles.network(child.directory()).layersOf(Op.Conv2d.class).stream()
                .map(l -> ((Op.Conv2d) l.op()).filters()).toList(), "the plan's widths: half of conv1, 3/4 of conv3");
        assertEquals(predicted.accuracy(), plan.applied().predicted(), 1e-12);
        assertTrue(plan.prediction().contains("Applied as " + child.id()), plan.prediction());
        assertTrue(Files.readString(child.directory().resolve(VersionStore.RECIPE_FILE))
                .contains("org.prunelab.strategies.layerShares"), "the plan is the child's recipe");

        // the same plan in two steps: each layer goes from its width to the plan's in equal ratios
        PlanApplication.Applied once = plan.applied();
        plan.setSteps(2);
        plan.applyPlan();
        assertTrue(UiEvents.waitUntil(() -> plan.applied() != once && plan.applied() != null, 180_000),
                plan.status());
        List<ModelVersion> steps = plan.applied().made();
        assertEquals(2, steps.size());
        assertEquals(before + 3, tiny.versions().size());
        assertEquals("base", steps.get(0).parent());
        assertEquals(steps.get(0).id(), steps.get(1).parent());
        // conv1: 4 → round(4·√0.5) = 3 → 2; conv3: 8 → round(8·√0.75) = 7 → 6
        assertEquals(List.of(3, 4, 7, 8), widths(steps.get(0)));
        assertEquals(List.of(2, 4, 6, 8), widths(steps.get(1)), "the last step lands on the plan");
        assertEquals(once.measured(), plan.applied().measured(), 1e-12, "the whole plan measured on base, as before");
        assertTrue(plan.prediction().contains("in 2 steps (" + steps.get(0).id() + ", " + steps.get(1).id() + ")"),
                plan.prediction());
    }

    private static List<Integer> widths(ModelVersion version) throws Exception {
        return ModelFiles.network(version.directory()).layersOf(Op.Conv2d.class).stream()
                .map(l -> ((Op.Conv2d) l.op()).filters()).toList();
    }
}
