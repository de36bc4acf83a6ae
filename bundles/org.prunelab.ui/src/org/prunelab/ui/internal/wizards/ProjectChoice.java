package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.VersionJob;

/** The "Project:" row of the wizards that add to a project: the open PruneLab projects, the selected one first chosen. */
final class ProjectChoice {

    /** What a wizard says when there is no project to add to. */
    static final String NO_PROJECT = "There is no PruneLab project yet: create one first (File > New > PruneLab Project).";

    private final IProject initial;
    private final List<IProject> projects = new ArrayList<>();
    private Combo combo;

    /**
     * The PruneLab project a selection is in: a project, or the project of a version.
     *
     * @param selection the workbench selection the wizard was opened on; may be null
     * @return the project, or null
     */
    static IProject selected(IStructuredSelection selection) {
        Object first = selection == null ? null : selection.getFirstElement();
        IProject project = Adapters.adapt(first, IProject.class);
        ModelVersion version = Adapters.adapt(first, ModelVersion.class);
        if (project == null && version != null) {
            project = VersionJob.projectOf(version.projectDirectory()).orElse(null);
        }
        return project != null && PruneLabProjects.isPruneLabProject(project) ? project : null;
    }

    ProjectChoice(IProject initial) {
        this.initial = initial;
    }

    /** Adds the label and the combo to a grid layout, the combo spanning the given columns. */
    void create(Composite parent, int span) {
        new Label(parent, SWT.NONE).setText("Project:");
        combo = new Combo(parent, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).applyTo(combo);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (PruneLabProjects.isPruneLabProject(p)) {
                projects.add(p);
                combo.add(p.getName());
            }
        }
        combo.select(Math.max(0, projects.indexOf(initial)));
    }

    Combo combo() {
        return combo;
    }

    boolean isEmpty() {
        return projects.isEmpty();
    }

    IProject project() {
        return projects.get(combo.getSelectionIndex());
    }

    Path directory() {
        return project().getLocation().toPath();
    }
}
