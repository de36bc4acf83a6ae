package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.PlatformUI;

/** A wizard's dialog that does not block when opened, with its Finish button's action exposed. */
final class FinishingDialog extends WizardDialog {

    FinishingDialog(IWizard wizard) {
        super(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
        setBlockOnOpen(false);
    }

    /** Presses Finish. */
    void finish() {
        finishPressed();
    }

    /**
     * Waits for the job a wizard's Finish started and checks that it succeeded.
     *
     * @param job the job, or null if Finish started none
     * @throws InterruptedException if the wait is interrupted
     */
    static void joinSucceeded(Job job) throws InterruptedException {
        assertNotNull(job, "Finish started a job");
        job.join();
        assertTrue(job.getResult().isOK(), job.getResult().toString());
    }
}
