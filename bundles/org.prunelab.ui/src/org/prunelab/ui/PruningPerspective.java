package org.prunelab.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Pruning perspective, NetPrune's screen in the workbench: projects and the exploration tree of
 * versions on the left (Properties and Progress as tabs beside the projects); performance (the Training view a
 * tab beside it) and model graph on top; filter activation and sparkline matrix below them.
 */
public final class PruningPerspective implements IPerspectiveFactory {

    /** The perspective id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.perspectives.pruning";

    /** The Project Explorer's folder, top left, with Properties and Progress. */
    public static final String PROJECTS_FOLDER = "org.prunelab.ui.folders.projects";

    /** Beside the projects: the exploration tree of the selected project's versions. */
    public static final String LINEAGE_FOLDER = "org.prunelab.ui.folders.lineage";

    /** The id of the exploration tree view. */
    public static final String EXPLORATION_TREE = "org.prunelab.ui.views.explorationTree";

    /** The id of the performance view. */
    public static final String PERFORMANCE = "org.prunelab.ui.views.performance";

    /** The id of the Training view, a tab beside the performance view: the curves of the training that runs. */
    public static final String TRAINING = "org.prunelab.ui.views.training";

    /** The id of the model graph view (org.prunelab.ui.graph). */
    public static final String MODEL_GRAPH = "org.prunelab.ui.views.modelGraph";

    /** The id of the filter activation view (org.prunelab.ui.sparklines). */
    public static final String FILTER_ACTIVATION = "org.prunelab.ui.views.filterActivation";

    /** The id of the sparkline matrix view (org.prunelab.ui.sparklines). */
    public static final String SPARKLINE_MATRIX = "org.prunelab.ui.views.sparklineMatrix";

    /** The id of the CAM comparison view (org.prunelab.ui.cam), a tab beside the performance view. */
    public static final String CAM_COMPARISON = "org.prunelab.ui.views.camComparison";

    /** The id of the Geometry view (org.prunelab.ui.robustness), a tab beside the performance view. */
    public static final String GEOMETRY = "org.prunelab.ui.views.geometry";

    /** The id of the Robustness view (org.prunelab.ui.robustness), a tab beside the performance view. */
    public static final String ROBUSTNESS = "org.prunelab.ui.views.robustness";

    /** The id of the Fragile Samples view (org.prunelab.ui.robustness), a tab beside the filter views. */
    public static final String FRAGILE_SAMPLES = "org.prunelab.ui.views.fragileSamples";

    /** The id of the Layer Sensitivity view (org.prunelab.ui.planning), a tab beside the performance view. */
    public static final String SENSITIVITY = "org.prunelab.ui.views.sensitivity";

    /** The id of the Pruning Plan view (org.prunelab.ui.planning), a tab beside the performance view. */
    public static final String PLAN = "org.prunelab.ui.views.plan";

    /**
     * The id of the Filter Detail view (org.prunelab.ui.sparklines), CNNPruner's filter view, a tab beside the
     * sparkline matrix.
     */
    public static final String FILTER_DETAIL = "org.prunelab.ui.views.filterDetail";

    /** The id of the Project Explorer view (org.eclipse.ui.navigator.resources). */
    public static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    /** The id of the workbench's Progress view. */
    public static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    /** Beside the exploration tree: the performance view of the selected version. */
    public static final String PERFORMANCE_FOLDER = "org.prunelab.ui.folders.performance";

    /** Right of the performance view: the model graph. */
    public static final String GRAPH_FOLDER = "org.prunelab.ui.folders.graph";

    /** Below the performance view: the filter activation view. */
    public static final String FILTERS_FOLDER = "org.prunelab.ui.folders.filters";

    /** Below the model graph: the sparkline matrix. */
    public static final String SPARKLINES_FOLDER = "org.prunelab.ui.folders.sparklines";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        // the analysis views take the editor area's place until an editor opens
        layout.setEditorAreaVisible(false);

        // the left column: projects, Properties and Progress as tabs above the exploration tree, which is wide
        // enough for a root, its pruned children and their fine-tuned ones
        IFolderLayout projects = layout.createFolder(PROJECTS_FOLDER, IPageLayout.LEFT, 0.27f, editorArea);
        projects.addView(PROJECT_EXPLORER);
        projects.addView(IPageLayout.ID_PROP_SHEET);
        projects.addView(PROGRESS_VIEW);
        IFolderLayout lineage = layout.createFolder(LINEAGE_FOLDER, IPageLayout.BOTTOM, 0.3f, PROJECTS_FOLDER);
        lineage.addView(EXPLORATION_TREE);

        // the analysis views take the rest: performance and graph on top, the filter views below; the
        // performance view is the wider, for its figures, curves and confusion matrix side by side
        IFolderLayout performance = layout.createFolder(PERFORMANCE_FOLDER, IPageLayout.TOP, 0.5f, editorArea);
        performance.addView(PERFORMANCE);
        // a tab from the start, so that the curves of a training are found before one is started; a training
        // job brings it to the front
        performance.addView(TRAINING);
        // a tab behind the performance view: its comparison runs Grad-CAM over the test set, only when opened
        performance.addPlaceholder(CAM_COMPARISON);
        // the Robustness Lottery's views, likewise opened on demand; the fragile samples below them, so that
        // a sample clicked there is seen highlighted in the Geometry view
        performance.addPlaceholder(GEOMETRY);
        performance.addPlaceholder(ROBUSTNESS);
        // CNNPruner's layer sensitivity, opened on demand as well
        performance.addPlaceholder(SENSITIVITY);
        performance.addPlaceholder(PLAN);
        IFolderLayout graph = layout.createFolder(GRAPH_FOLDER, IPageLayout.RIGHT, 0.67f, PERFORMANCE_FOLDER);
        graph.addView(MODEL_GRAPH);

        // the editor area stays hidden until a file (a project's JSON) is opened; it then takes the bottom
        // third, below the filter views, which have all of it while it is hidden
        IFolderLayout filters = layout.createFolder(FILTERS_FOLDER, IPageLayout.TOP, 0.66f, editorArea);
        filters.addView(FILTER_ACTIVATION);
        IFolderLayout sparklines = layout.createFolder(SPARKLINES_FOLDER, IPageLayout.RIGHT, 0.5f, FILTERS_FOLDER);
        sparklines.addView(SPARKLINE_MATRIX);
        sparklines.addPlaceholder(FRAGILE_SAMPLES);
        sparklines.addPlaceholder(FILTER_DETAIL);

        for (String view : new String[] {PROJECT_EXPLORER, EXPLORATION_TREE, PERFORMANCE, TRAINING, MODEL_GRAPH,
                FILTER_ACTIVATION, SPARKLINE_MATRIX, CAM_COMPARISON, GEOMETRY, ROBUSTNESS, FRAGILE_SAMPLES,
                SENSITIVITY, PLAN, FILTER_DETAIL, IPageLayout.ID_PROP_SHEET, PROGRESS_VIEW}) {
            layout.addShowViewShortcut(view);
        }
        layout.addNewWizardShortcut("org.prunelab.ui.wizards.newProject");
        layout.addNewWizardShortcut("org.prunelab.ui.wizards.addDataset");
        layout.addNewWizardShortcut("org.prunelab.ui.wizards.newModel");
    }
}
