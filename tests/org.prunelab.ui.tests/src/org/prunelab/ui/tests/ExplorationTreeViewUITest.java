package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.Test;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.core.versions.LineageLayout;
import org.prunelab.ui.internal.performance.PerformanceView;

/**
 * The exploration tree on the demo project: one node per version, laid out as their lineage.
 */
class ExplorationTreeViewUITest {

    @Test
    void showsEveryVersionOfTheDemoProjectAsItsLineage() throws Exception {
        Path demo = Path.of(System.getProperty("prunelab.demo"));
        IProject project = PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), demo, null);
        List<ModelVersion> versions = new VersionStore(demo).versions("small-vgg");
        assertEquals(14, versions.size(), "the demo holds base, the twelve case-study versions and a longer fine-tune");

        ExplorationTreeView view = (ExplorationTreeView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(ExplorationTreeView.ID);
        view.show(project);
        // and the four of the small ResNet, the demo's second model, below
        List<ModelVersion> resnet = new VersionStore(demo).versions("small-resnet");
        assertEquals(4, resnet.size());
        assertTrue(UiEvents.waitUntil(() -> view.shownVersions().size() == versions.size() + resnet.size(), 30_000),
                "nodes: " + view.shownVersions().size());
        assertEquals(versions.stream().map(ModelVersion::id).collect(Collectors.toSet()), view.shownVersions().stream()
                .filter(v -> v.model().equals("small-vgg")).map(ModelVersion::id).collect(Collectors.toSet()));
        assertEquals("small-resnet", view.shownVersions().get(versions.size()).model(), "one lineage after the other");

        ModelVersion pruned = versions.stream().filter(v -> v.id().equals("v3")).findFirst().orElseThrow();
        ModelVersion base = versions.stream().filter(v -> v.id().equals("base")).findFirst().orElseThrow();

        // edges say how a child was made: metric above, strategy below; fine-tunes their epochs
        // by the names of the metric and the strategy, not their ids
        assertEquals(List.of("FPGM", "Target parameters"), List.of(ExplorationTreeView.edgeLabel(pruned)));
        ModelVersion v13 = versions.stream().filter(v -> v.id().equals("v13")).findFirst().orElseThrow();
        assertEquals(List.of("fine-tune", "4 epochs"), List.of(ExplorationTreeView.edgeLabel(v13)));

        // the CSV export: a header and one row per node; v3's change is its accuracy less base's
        List<List<String>> table = view.table();
        assertEquals(versions.size() + resnet.size() + 1, table.size());
        List<String> v3 = table.stream().filter(row -> row.get(1).equals("v3")).findFirst().orElseThrow();
        assertEquals("base", v3.get(3));
        assertEquals(pruned.evaluation().accuracy() - base.evaluation().accuracy(), Double.parseDouble(v3.get(8)), 1e-4);
        assertEquals(Long.toString(pruned.evaluation().parameters()), v3.get(9));
        // the Properties view's page of a version, and of one of its layers
        IPropertySource properties = Adapters.adapt(pruned, IPropertySource.class);
        assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * pruned.evaluation().accuracy()),
                properties.getPropertyValue("test accuracy"));
        assertEquals("base", properties.getPropertyValue("parent"));
        assertEquals(pruned.recipe().metric(), properties.getPropertyValue("metric"));
        IPropertySource layer = Adapters.adapt(new SelectedLayer(pruned, "conv2"), IPropertySource.class);
        assertEquals("conv2", layer.getPropertyValue("layer"));
        assertEquals(String.valueOf(pruned.recipe().kept().get("conv2")),
                layer.getPropertyValue("filters kept by the last pruning"));
        view.setSelection(new StructuredSelection(pruned));
        assertEquals(pruned, ((IStructuredSelection) view.getSelection()).getFirstElement());

        // the overview shrinks both lineages into the view; a click on a shrunk node still selects it
        Rectangle actual = view.bounds(versions.get(versions.size() - 1));
        view.setFit(true);
        UiEvents.flush();
        assertTrue(view.scale() < 1, "the demo's lineages are larger than the view: " + view.scale());
        Rectangle shrunk = view.bounds(versions.get(versions.size() - 1));
        assertEquals(actual.x * view.scale(), shrunk.x, 1);
        Rectangle room = view.canvas().getParent().getClientArea();
        ModelVersion last = view.shownVersions().get(view.shownVersions().size() - 1);
        Rectangle lastNode = view.bounds(last);
        assertTrue(lastNode.x + lastNode.width <= room.width + 1 && lastNode.y + lastNode.height <= room.height + 1
                || view.scale() == 0.3, lastNode + " in " + room);
        Event click = new Event();
        click.x = shrunk.x + shrunk.width / 2;
        click.y = shrunk.y + shrunk.height / 2;
        click.button = 1;
        view.canvas().notifyListeners(SWT.MouseDown, click);
        assertEquals(versions.get(versions.size() - 1), ((IStructuredSelection) view.getSelection()).getFirstElement());
        view.setFit(false);
        assertEquals(1, view.scale());

        // a version's folder is the version: selected in the Project Explorer, the tree and the
        // performance view show it
        IFolder folder = project.getFolder("models/small-vgg/v5");
        ModelVersion v5 = versions.stream().filter(v -> v.id().equals("v5")).findFirst().orElseThrow();
        assertEquals(v5, Adapters.adapt(folder, ModelVersion.class));
        assertNull(Adapters.adapt(project.getFolder("models/small-vgg"), ModelVersion.class));
        assertNull(Adapters.adapt(project.getFolder("models"), ModelVersion.class));
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PerformanceView performance = (PerformanceView) page.showView(PerformanceView.ID);
        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        page.activate(explorer);
        explorer.selectReveal(new StructuredSelection(folder));
        assertTrue(UiEvents.waitUntil(() -> v5.equals(((IStructuredSelection) view.getSelection()).getFirstElement()),
                10_000), "the tree marks v5");
        assertTrue(UiEvents.waitUntil(() -> performance.summary() != null
                && performance.summary().version().equals(v5), 30_000), "the performance view shows v5");
        project.delete(false, true, null);
    }

    @Test
    void parentsSitCentredOverTheirChildren() throws Exception {
        List<ModelVersion> versions = new VersionStore(Path.of(System.getProperty("prunelab.demo"))).versions("small-vgg");
        Map<String, LineageLayout.Cell> cells = LineageLayout.of(versions).stream()
                .collect(Collectors.toMap(c -> c.version().id(), c -> c));
        // base has six pruned children, each with one fine-tuned child: six leaves in columns 0..5
        assertEquals(0, cells.get("base").row());
        assertEquals(2.5, cells.get("base").column(), 1e-12);
        assertEquals(1, cells.get("v1").row());
        assertEquals(2, cells.get("v2").row());
        assertEquals(cells.get("v1").column(), cells.get("v2").column(), 1e-12);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), List.of("v2", "v4", "v6", "v8", "v10", "v12").stream()
                .map(id -> cells.get(id).column()).toList());
    }
}
