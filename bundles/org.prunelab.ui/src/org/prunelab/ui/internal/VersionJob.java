package org.prunelab.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.training.TrainingRun;
import org.prunelab.core.training.TrainingRuns;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.training.TrainingListener;
import org.prunelab.ui.PruningPerspective;

/**
 * Work on the versions of one project, as a job of that project's family: it shows in the Progress view,
 * can be cancelled, and closing the project cancels it. A job that writes versions holds the project as
 * its scheduling rule, so that two of them never pick the same next id and no one opens the project's
 * {@link VersionStore} (which removes unfinished writes) while a version is being written; when it is done
 * it refreshes the project's models, and the exploration tree reads what changed.
 * <p>
 * A job that trains reports its training to the {@link TrainingRuns} while it runs, and brings the
 * Training view to the front of its stack when it starts, without activating it: the user's typing stays
 * where it is, and the part the user works in is not covered (the workbench's
 * {@link IWorkbenchPage#VIEW_VISIBLE}).
 */
public final class VersionJob extends Job {

    /** The body of a job. */
    @FunctionalInterface
    public interface Work {
        /**
         * Does the work.
         *
         * @param monitor progress and cancellation
         * @throws Exception to fail the job with the exception's message
         */
        void run(IProgressMonitor monitor) throws Exception;
    }

    /** The body of a job that trains. */
    @FunctionalInterface
    public interface Training {
        /**
         * Does the work.
         *
         * @param listener to pass to the training, which reports to the Training view through it
         * @param monitor progress and cancellation
         * @throws Exception to fail the job with the exception's message
         */
        void run(TrainingListener listener, IProgressMonitor monitor) throws Exception;
    }

    private final Path projectDir;
    private final IProject project;
    private final boolean writes;
    private final Training work;
    /** What the job trains, or null for a job that does not train. */
    private final TrainingRun.Subject trained;
    private final int plannedEpochs;
    private volatile String problem;

    private VersionJob(String name, Path projectDir, boolean writes, Training work, TrainingRun.Subject trained,
            int plannedEpochs) {
        super(name);
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.project = projectOf(this.projectDir).orElse(null);
        this.writes = writes;
        this.work = work;
        this.trained = trained;
        this.plannedEpochs = plannedEpochs;
        if (writes && project != null) {
            setRule(project);
        }
        setUser(true);
    }

    /**
     * Creates a job (not yet scheduled).
     *
     * @param name what the Progress view shows
     * @param projectDir the project's folder
     * @param writes whether the work adds, renames or deletes versions
     * @param work the body
     * @return the job
     */
    public static VersionJob create(String name, Path projectDir, boolean writes, Work work) {
        return new VersionJob(name, projectDir, writes, (listener, monitor) -> work.run(monitor), null, 0);
    }

    /**
     * Creates a job that trains and writes a version (not yet scheduled): a new model, or a version
     * fine-tuned or pruned and fine-tuned into a child.
     *
     * @param name what the Progress view and the Training view show
     * @param projectDir the project's folder
     * @param model the model trained
     * @param version the version trained: the new model's base, or the version the child is made from
     * @param plannedEpochs the epochs of the training's schedule; 0 for a pruning without fine-tuning, which
     *            trains nothing and so does not show in the Training view
     * @param work the body; it passes the listener it is given to the training
     * @return the job
     */
    public static VersionJob training(String name, Path projectDir, String model, String version, int plannedEpochs,
            Training work) {
        return new VersionJob(name, projectDir, true, work, plannedEpochs == 0 ? null
                : new TrainingRun.Subject(projectDir.toAbsolutePath().normalize(), model, version, name), plannedEpochs);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), 100);
        TrainingRuns.LiveTraining live = trained == null ? null
                : Services.find(TrainingRuns.class).map(runs -> runs.begin(trained, plannedEpochs, this::cancel))
                        .orElse(null);
        if (live != null) {
            showTrainingView();
        }
        TrainingRun.State outcome = TrainingRun.State.FAILED;
        try {
            work.run(live == null ? TrainingListener.NONE : live, sub.split(writes ? 95 : 100));
            outcome = TrainingRun.State.COMPLETED;
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            problem = "Cancelled.";
            outcome = TrainingRun.State.CANCELLED;
            return Status.CANCEL_STATUS;
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            return Status.error(getName() + " failed: " + problem, e);
        } finally {
            if (live != null) {
                live.end(outcome, outcome == TrainingRun.State.FAILED ? problem : null);
            }
            if (writes) {
                // also after a cancel or a failure: the tree then shows that nothing was added
                refresh();
            }
        }
    }

    /** Shows the Training view from the UI thread, in front of its stack unless the active part is there. */
    private static void showTrainingView() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            IWorkbenchWindow[] windows = PlatformUI.getWorkbench().getWorkbenchWindows();
            // no window is active while the user works in another application
            IWorkbenchPage page = window != null ? window.getActivePage()
                    : windows.length > 0 ? windows[0].getActivePage() : null;
            if (page == null) {
                return;
            }
            try {
                page.showView(PruningPerspective.TRAINING, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                // the training goes on and the Progress view shows it: the curves are only missed
                ILog.of(VersionJob.class).warn("Cannot show the Training view: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Why the job failed.
     *
     * @return the message of the failure, "Cancelled." after a cancel, or empty while it succeeded
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * A job belongs to the family of its project: the workspace project, or the project's folder.
     *
     * @param family a project or a folder
     * @return whether it is this job's project
     */
    @Override
    public boolean belongsTo(Object family) {
        if (family instanceof IProject p) {
            return p.equals(project);
        }
        return family instanceof Path p && p.toAbsolutePath().normalize().equals(projectDir);
    }

    private void refresh() {
        if (project != null) {
            refresh(project);
        }
    }

    /**
     * Refreshes the models of a project after files were written into them outside a version job (a
     * stored analysis), so that the exploration tree reads them again; call it from a job.
     *
     * @param projectDir the project's folder
     */
    public static void refreshModels(Path projectDir) {
        projectOf(projectDir).ifPresent(VersionJob::refresh);
    }

    private static void refresh(IProject project) {
        if (!project.isOpen()) {
            return;
        }
        try {
            IFolder models = project.getFolder(VersionStore.MODELS);
            IResource changed = models.exists() ? models : project;
            changed.refreshLocal(IResource.DEPTH_INFINITE, null);
        } catch (CoreException | OperationCanceledException e) {
            // the files are written: the next refresh (F5, or the next job) shows them
        }
    }

    /**
     * The open workspace project whose folder is the given one.
     *
     * @param projectDir a project folder
     * @return the project, or empty if the folder is not in the workspace
     */
    public static Optional<IProject> projectOf(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (candidate.isOpen() && candidate.getLocation() != null
                    && candidate.getLocation().toFile().toPath().toAbsolutePath().normalize().equals(dir)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A project's dataset, for work that needs images.
     *
     * @param projectDir the project's folder
     * @return its dataset
     * @throws IOException if the project descriptor cannot be read
     * @throws IllegalArgumentException saying what to do if the project has no dataset
     */
    public static DatasetSpec dataset(Path projectDir) throws IOException {
        return ProjectFolder.open(projectDir).dataset();
    }

    /**
     * The model runtime.
     *
     * @return the running service
     * @throws IllegalStateException if it is not running
     */
    public static ModelRuntime runtime() {
        return Services.find(ModelRuntime.class)
                .orElseThrow(() -> new IllegalStateException("the model runtime is not running"));
    }
}
