package org.prunelab.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Widget;
import org.prunelab.ui.internal.VersionJob;

/**
 * The background work behind one thing a view shows (a version's figures, the samples of a cell, a layer's
 * scores): the view requests it, a job computes it with a headless provider, and the result comes back
 * to the UI thread for the view to render. The latest request wins: a new request cancels the job of the
 * previous one, and a result or a failure is delivered only while the view's widget lives and no newer
 * request was made, so quick clicks never leave an older answer on screen and a closed view is never
 * touched. Disposing the widget cancels the running job.
 * <p>
 * A job belongs to its project's family (the workspace project and the project's folder: closing the
 * project cancels it) and to the family the view names. View jobs take no scheduling rule: the jobs that
 * write a project (pruning, fine-tuning) hold the project as their rule for minutes, and a view must not
 * wait for them. Reading needs no rule, since versions are published and deleted atomically under the
 * project's {@link org.prunelab.core.project.ProjectLock}, which a reader that needs a consistent lineage
 * (the exploration tree) takes for its short listing.
 * <p>
 * A view makes one instance per independent thing it shows, and uses it from the UI thread.
 */
public final class ViewJobs {

    /**
     * What a job computes, off the UI thread.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface Computation<T> {
        /**
         * Computes the result.
         *
         * @param monitor progress and cancellation; the request may be cancelled by a newer one
         * @return the result, for the view to render
         * @throws Exception to fail the request; the view is told the exception's message
         */
        T compute(IProgressMonitor monitor) throws Exception;
    }

    private final Widget owner;
    private final Object family;
    private Job job;
    /** The number of the latest request; a delivery carries its request's number. */
    private long latest;
    /** The number of the request whose answer arrived last, or that was cancelled. */
    private long answered;

    /**
     * Creates the jobs of one thing a view shows.
     *
     * @param owner the widget that renders the results: nothing is delivered once it is disposed
     * @param family the view's job family, e.g. for tests that wait for its jobs
     */
    public ViewJobs(Widget owner, Object family) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.family = Objects.requireNonNull(family, "family");
        owner.addListener(SWT.Dispose, e -> cancel());
    }

    /**
     * Requests a result computed from the project's files.
     *
     * @param <T> the result
     * @param name the job's name, as the Progress view shows it
     * @param projectDir the folder of the project whose files are read
     * @param computation computes the result in the job
     * @param show renders the result, on the UI thread, if this is still the latest request
     * @param failed shows why there is no result, on the UI thread, if this is still the latest request
     * @return the scheduled job
     */
    public <T> Job read(String name, Path projectDir, Computation<T> computation, Consumer<? super T> show,
            Consumer<String> failed) {
        return schedule(name, projectDir, computation, show, failed);
    }

    /**
     * Requests a result computed from what the view holds in memory.
     *
     * @param <T> the result
     * @param name the job's name
     * @param projectDir the folder of the project the data comes from, for the job's family
     * @param computation computes the result in the job
     * @param show renders the result, on the UI thread, if this is still the latest request
     * @param failed shows why there is no result, on the UI thread, if this is still the latest request
     * @return the scheduled job
     */
    public <T> Job compute(String name, Path projectDir, Computation<T> computation, Consumer<? super T> show,
            Consumer<String> failed) {
        return schedule(name, projectDir, computation, show, failed);
    }

    /**
     * Cancels the latest request: its job stops and its answer, if it still comes, is dropped.
     */
    public void cancel() {
        latest++;
        answered = latest;
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    /**
     * Whether the latest request has not been answered yet.
     *
     * @return true while its job computes
     */
    public boolean busy() {
        return answered != latest;
    }

    private <T> Job schedule(String name, Path projectDir, Computation<T> computation,
            Consumer<? super T> show, Consumer<String> failed) {
        Objects.requireNonNull(computation, "computation");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(failed, "failed");
        if (job != null) {
            job.cancel();
        }
        long request = ++latest;
        Path dir = projectDir.toAbsolutePath().normalize();
        IProject project = VersionJob.projectOf(dir).orElse(null);
        Job next = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    T result = computation.compute(monitor);
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    deliver(request, () -> show.accept(result));
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception | LinkageError e) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    deliver(request, () -> failed.accept(message));
                    // the view says what went wrong; the log keeps the trace, as a warning, not an error dialog
                    return Status.warning(getName() + ": " + message, e);
                }
            }

            @Override
            public boolean belongsTo(Object other) {
                return other == family || project != null && project.equals(other)
                        || other instanceof Path p && p.toAbsolutePath().normalize().equals(dir);
            }
        };
        job = next;
        next.schedule();
        return next;
    }

    private void deliver(long request, Runnable answer) {
        asyncExec(owner, () -> {
            if (request == latest) {
                answered = request;
                job = null;
                answer.run();
            }
        });
    }

    /**
     * Runs an update on a widget's UI thread later, unless the widget is disposed by then: for results and
     * events that arrive in other threads.
     *
     * @param owner the widget the update changes
     * @param update what to do on the UI thread
     */
    public static void asyncExec(Widget owner, Runnable update) {
        try {
            owner.getDisplay().asyncExec(() -> {
                if (!owner.isDisposed()) {
                    update.run();
                }
            });
        } catch (SWTException e) {
            // the widget or its display is gone: there is nobody left to update
        }
    }
}
