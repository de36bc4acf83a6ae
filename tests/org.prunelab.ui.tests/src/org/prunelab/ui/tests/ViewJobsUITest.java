package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.ui.ViewJobs;

/**
 * The views' job helper: the latest request wins, an earlier one is cancelled and its answer dropped, and
 * a disposed widget gets nothing.
 */
class ViewJobsUITest {

    /** No project: the jobs take no rule. */
    private static final Path NOWHERE = Path.of(System.getProperty("java.io.tmpdir"), "view-jobs-test");

    private Shell shell;
    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void openAShell() {
        shell = new Shell(PlatformUI.getWorkbench().getDisplay());
    }

    @AfterEach
    void closeIt() {
        if (!shell.isDisposed()) {
            shell.dispose();
        }
    }

    @Test
    void theLatestRequestWinsAndTheEarlierOneIsCancelled() throws Exception {
        ViewJobs jobs = new ViewJobs(shell, this);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        Job first = jobs.read("first", NOWHERE, monitor -> {
            running.countDown();
            // the first answer comes late, after the second request
            release.await(30, TimeUnit.SECONDS);
            sawCancel.set(monitor.isCanceled());
            return "first";
        }, shown::add, shown::add);
        assertTrue(jobs.busy());
        assertTrue(running.await(10, TimeUnit.SECONDS), "the first job did not start");
        Job second = jobs.read("second", NOWHERE, monitor -> "second", shown::add, shown::add);
        second.join();
        assertTrue(UiEvents.waitUntil(() -> !shown.isEmpty(), 10_000));
        assertEquals(List.of("second"), shown);
        assertFalse(jobs.busy());

        release.countDown();
        first.join();
        UiEvents.flush();
        assertTrue(sawCancel.get(), "the first request's job was cancelled by the second");
        assertEquals(IStatus.CANCEL, first.getResult().getSeverity());
        assertEquals(List.of("second"), shown, "the first answer was dropped");
    }

    @Test
    void aFailureIsToldUnlessANewerRequestCame() throws Exception {
        ViewJobs jobs = new ViewJobs(shell, this);
        Job failing = jobs.read("failing", NOWHERE, monitor -> {
            throw new IllegalStateException("the file is broken");
        }, value -> shown.add("shown " + value), problem -> shown.add("failed: " + problem));
        failing.join();
        assertTrue(UiEvents.waitUntil(() -> !shown.isEmpty(), 10_000));
        assertEquals(List.of("failed: the file is broken"), shown);
        assertEquals(IStatus.WARNING, failing.getResult().getSeverity(), "logged, without an error dialog");
    }

    @Test
    void aDisposedWidgetGetsNothingAndItsJobStops() throws Exception {
        ViewJobs jobs = new ViewJobs(shell, this);
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        Job job = jobs.compute("slow", NOWHERE, monitor -> {
            running.countDown();
            long end = System.currentTimeMillis() + 30_000;
            while (!monitor.isCanceled() && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            sawCancel.set(monitor.isCanceled());
            return "late";
        }, shown::add, shown::add);
        assertTrue(job.belongsTo(this), "the job is of the view's family");
        assertNull(job.getRule(), "work on data in memory takes no rule");
        assertTrue(running.await(10, TimeUnit.SECONDS));
        shell.dispose();
        job.join();
        UiEvents.flush();
        assertTrue(sawCancel.get(), "disposing the widget cancelled the job");
        assertEquals(List.of(), shown);
    }
}
