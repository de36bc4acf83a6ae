package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.training.TrainingRun;
import org.prunelab.core.training.TrainingRuns;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.performance.TrainingPlot;
import org.prunelab.ui.internal.training.TrainingView;
import org.prunelab.ui.internal.wizards.NewModelWizard;

/**
 * The Training view on models trained through New Model on the tiny project: it comes to the front when
 * the training starts, draws the curves while the job still runs, keeps the finished training's curves,
 * and its Cancel stops the job, which then stores nothing. Each training is held after its first epoch
 * (by a listener that waits on the training's thread) until the view was looked at, so that "while it
 * runs" does not depend on how fast the machine trains.
 */
class TrainingViewUITest {

    /** Epochs of each training. */
    private static final int EPOCHS = 3;

    /** 1 500 training images in batches of 128: 12 batches an epoch, each reported. */
    private static final int BATCHES = 12;

    private static TinyProject tiny;
    private static TrainingRuns runs;

    @BeforeAll
    static void makeTheProject() throws Exception {
        tiny = TinyProject.create("training-view");
        runs = Services.find(TrainingRuns.class).orElseThrow();
    }

    @AfterAll
    static void removeTheProject() throws Exception {
        Job.getJobManager().join(tiny.project(), null);
        tiny.close();
    }

    /** Holds a model's training on its thread once its first epoch is done, until released. */
    private static final class FirstEpochHold implements TrainingRuns.Listener {
        private final String model;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean held = new AtomicBoolean();

        FirstEpochHold(String model) {
            this.model = model;
        }

        @Override
        public void changed(TrainingRun run) {
            if (run.subject().model().equals(model) && run.epochs().size() == 1 && held.compareAndSet(false, true)) {
                try {
                    released.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void release() {
            released.countDown();
        }
    }

    @Test
    void theViewDrawsANewModelsCurvesWhileItTrainsAndKeepsThemOnceStored() throws Exception {
        IWorkbenchPage page = page();
        TrainingView view = (TrainingView) page.showView(TrainingView.ID);
        // the performance view in front of it, and the user in the exploration tree, where New Model is chosen
        page.showView(PruningPerspective.PERFORMANCE);
        IViewPart tree = page.showView(PruningPerspective.EXPLORATION_TREE);
        assertFalse(page.isPartVisible(view), "the performance view is in front of it");

        FirstEpochHold hold = new FirstEpochHold("live");
        runs.addListener(hold);
        try {
            NewModelWizard wizard = newModel("live");
            Job job = wizard.job();
            assertNotNull(job, "Finish started a job");
            assertTrue(UiEvents.waitUntil(() -> shows(view, "live", TrainingRun.State.RUNNING, 1), 120_000),
                    view.statusText());
            // held after its first epoch: the job has not ended, and the curves already have points
            assertNull(job.getResult(), "the job still runs");
            assertTrue(page.isPartVisible(view), "the training brought the view to the front");
            assertEquals(tree, page.getActivePart(), "without taking the focus from where the user works");
            assertTrue(view.cancelButton().isEnabled());
            TrainingPlot running = view.curves().plot().orElseThrow();
            assertEquals(BATCHES, curve(running, TrainingPlot.TRAIN).epochs().length, "a point per batch so far");
            assertEquals(1.0, last(curve(running, TrainingPlot.TRAIN).epochs()), 1e-12);
            assertArrayEquals(new double[] {1}, curve(running, TrainingPlot.VALIDATION).epochs());
            assertEquals(List.of(0.0, EPOCHS + 0.3), List.of(running.xLower(), running.xUpper()),
                    "the axis spans the epochs planned");
            assertTrue(view.statusText().startsWith("Epoch 2 of 3 · "), view.statusText());
            assertTrue(view.curves().chart().isVisible(), "the chart, not a message");
            hold.release();
            FinishingDialog.joinSucceeded(job);
        } finally {
            hold.release();
            runs.removeListener(hold);
        }

        // done: the view keeps the finished training, whose epochs are those stored
        assertTrue(UiEvents.waitUntil(() -> shows(view, "live", TrainingRun.State.COMPLETED, EPOCHS), 30_000),
                view.statusText());
        ModelVersion base = new VersionStore(tiny.folder()).version("live", "base");
        TrainingHistory stored = new VersionStore(tiny.folder()).history(base).orElseThrow();
        assertEquals(stored.epochs(), view.shownRun().orElseThrow().epochs());
        TrainingPlot done = view.curves().plot().orElseThrow();
        assertEquals(EPOCHS * BATCHES, curve(done, TrainingPlot.TRAIN).epochs().length);
        double[] validation = curve(done, TrainingPlot.VALIDATION).percents();
        assertEquals(EPOCHS, validation.length);
        for (int i = 0; i < EPOCHS; i++) {
            EpochRecord epoch = stored.epochs().get(i);
            assertEquals(100 * epoch.validationAccuracy(), validation[i], 1e-9);
            // the epoch's last running mean is its stored training accuracy
            assertEquals(100 * epoch.trainAccuracy(), curve(done, TrainingPlot.TRAIN).percents()[(i + 1) * BATCHES - 1],
                    1e-9);
        }
        assertTrue(view.statusText().startsWith("Completed: 3 of 3 epochs in "), view.statusText());
        assertFalse(view.cancelButton().isEnabled());
    }

    @Test
    void cancelInTheViewCancelsTheTrainingJobAndNothingIsStored() throws Exception {
        TrainingView view = (TrainingView) page().showView(TrainingView.ID);
        FirstEpochHold hold = new FirstEpochHold("doomed");
        runs.addListener(hold);
        Job job;
        try {
            job = newModel("doomed").job();
            assertTrue(UiEvents.waitUntil(() -> shows(view, "doomed", TrainingRun.State.RUNNING, 1), 120_000),
                    view.statusText());
            view.cancelButton().notifyListeners(SWT.Selection, new Event());
            assertFalse(view.cancelButton().isEnabled());
            assertTrue(view.statusText().startsWith("Cancelling"), view.statusText());
            hold.release();
            job.join();
        } finally {
            hold.release();
            runs.removeListener(hold);
        }
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals("Cancelled.", ((VersionJob) job).problem().orElseThrow());
        assertTrue(UiEvents.waitUntil(() -> shows(view, "doomed", TrainingRun.State.CANCELLED, 1), 30_000),
                view.statusText());
        assertTrue(view.statusText().startsWith("Cancelled after 1 of 3 epochs ("), view.statusText());
        assertTrue(view.statusText().endsWith("): nothing was stored."), view.statusText());
        // New Model's cancel leaves no trace: no version, no model folder, not in the project's models
        assertEquals(List.of(), new VersionStore(tiny.folder()).versions("doomed"));
        assertFalse(Files.exists(tiny.folder().resolve(VersionStore.MODELS).resolve("doomed")));
        assertFalse(ProjectFolder.open(tiny.folder()).descriptor().models().contains("doomed"));
    }

    @Test
    void withoutAnyTrainingTheViewSaysSoPlainly() throws Exception {
        TrainingView view = (TrainingView) page().showView(TrainingView.ID);
        try {
            view.watch(new TrainingRuns());
            assertTrue(UiEvents.waitUntil(() -> view.curves().message().isPresent(), 10_000));
            assertEquals(TrainingView.NO_TRAINING, view.curves().message().orElseThrow());
            assertTrue(TrainingView.NO_TRAINING.startsWith("No training running."));
            assertTrue(view.shownRun().isEmpty());
            assertFalse(view.cancelButton().isEnabled());
        } finally {
            view.watch(runs);
        }
    }

    private static boolean shows(TrainingView view, String model, TrainingRun.State state, int epochs) {
        return view.shownRun().filter(run -> run.subject().model().equals(model) && run.state() == state
                && run.epochs().size() == epochs).isPresent();
    }

    private static NewModelWizard newModel(String name) {
        NewModelWizard wizard = new NewModelWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(tiny.project()));
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            wizard.page().fill(name, 0, "2,2,4,4", EPOCHS);
            assertTrue(UiEvents.waitUntil(wizard::canFinish, 30_000), wizard.page().problemShown());
            dialog.finish();
        } finally {
            dialog.close();
        }
        return wizard;
    }

    private static TrainingPlot.Curve curve(TrainingPlot plot, String id) {
        return plot.curves().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }
}
