package org.prunelab.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Pruning perspective: projects on the left, the exploration tree of the selected project's versions
 * beside them, Properties and Progress below it.
 */
public final class PruningPerspective implements IPerspectiveFactory {

    /** The perspective id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.perspectives.pruning";

    /** The Project Explorer's folder, top left; the exploration tree joins it. */
    public static final String PROJECTS_FOLDER = "org.prunelab.ui.folders.projects";

    /** Beside the projects: the exploration tree of the selected project's versions. */
    public static final String LINEAGE_FOLDER = "org.prunelab.ui.folders.lineage";

    /** The id of the exploration tree view. */
    public static final String EXPLORATION_TREE = "org.prunelab.ui.views.explorationTree";

    /** The id of the performance view. */
    public static final String PERFORMANCE = "org.prunelab.ui.views.performance";

    /** The id of the model graph view (org.prunelab.ui.graph). */
    public static final String MODEL_GRAPH = "org.prunelab.ui.views.modelGraph";

    /** The id of the filter activation view (org.prunelab.ui.sparklines). */
    public static final String FILTER_ACTIVATION = "org.prunelab.ui.views.filterActivation";

    /** The id of the sparkline matrix view (org.prunelab.ui.sparklines). */
    public static final String SPARKLINE_MATRIX = "org.prunelab.ui.views.sparklineMatrix";

    /** The bottom folder, holding Performance, Properties and Progress. */
    public static final String DETAILS_FOLDER = "org.prunelab.ui.folders.details";

    /** The id of the Project Explorer view (org.eclipse.ui.navigator.resources). */
    public static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    /** The id of the workbench's Progress view. */
    public static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        // the analysis views of later bundles go into the editor area's place; until they exist it stays empty
        layout.setEditorAreaVisible(false);

        IFolderLayout projects = layout.createFolder(PROJECTS_FOLDER, IPageLayout.LEFT, 0.22f, editorArea);
        projects.addView(PROJECT_EXPLORER);
        IFolderLayout lineage = layout.createFolder(LINEAGE_FOLDER, IPageLayout.TOP, 0.65f, editorArea);
        lineage.addView(EXPLORATION_TREE);

        IFolderLayout details = layout.createFolder(DETAILS_FOLDER, IPageLayout.BOTTOM, 0.55f, LINEAGE_FOLDER);
        details.addView(PERFORMANCE);
        details.addView(IPageLayout.ID_PROP_SHEET);
        details.addView(PROGRESS_VIEW);

        layout.addShowViewShortcut(PROJECT_EXPLORER);
        layout.addShowViewShortcut(EXPLORATION_TREE);
        layout.addShowViewShortcut(PERFORMANCE);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(PROGRESS_VIEW);
        layout.addNewWizardShortcut("org.prunelab.ui.wizards.newProject");
    }
}
