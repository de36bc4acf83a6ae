package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.prunelab.ui.internal.about.AboutPruneLabDialog;

/**
 * Help &gt; About PruneLab shows the DJL and libtorch versions of the running engine.
 */
class AboutPruneLabDialogUITest {

    @Test
    void showsTheVersionsOfTheRunningEngine() {
        AboutPruneLabDialog dialog = new AboutPruneLabDialog(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            assertTrue(UiEvents.waitUntil(() -> !dialog.valueOf(AboutPruneLabDialog.DJL).startsWith("starting"),
                    60_000), "the runtime did not start within a minute");
            assertTrue(dialog.valueOf(AboutPruneLabDialog.DJL).startsWith("0.35.1 (PyTorch engine, offline: true)"),
                    dialog.valueOf(AboutPruneLabDialog.DJL));
            assertTrue(dialog.valueOf(AboutPruneLabDialog.LIBTORCH).equals("2.7.1 CPU"),
                    dialog.valueOf(AboutPruneLabDialog.LIBTORCH));
        } finally {
            dialog.close();
        }
    }
}
