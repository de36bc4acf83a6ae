package org.prunelab.ui.internal;

import java.io.File;
import java.io.IOException;
import java.net.URL;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * The PruneLab workbench application: takes the workspace, then runs the workbench until it closes.
 */
public final class PruneLabApplication implements IApplication {

    /** The workspace used when none is given with {@code -data}. */
    static final String DEFAULT_WORKSPACE = "prunelab-workspace";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        try {
            Location instance = Platform.getInstanceLocation();
            if (!takeWorkspace(display, instance)) {
                return IApplication.EXIT_OK;
            }
            try {
                int code = PlatformUI.createAndRunWorkbench(display, new PruneLabWorkbenchAdvisor());
                return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
            } finally {
                instance.release();
            }
        } finally {
            display.dispose();
        }
    }

    /** Sets the default workspace if none was given, and locks it so that two workbenches never share one. */
    private static boolean takeWorkspace(Display display, Location instance) throws IOException {
        if (!instance.isSet()) {
            File dir = new File(System.getProperty("user.home"), DEFAULT_WORKSPACE);
            instance.set(new URL("file", null, dir.getAbsolutePath() + File.separator), false);
        }
        if (instance.lock()) {
            return true;
        }
        MessageDialog.openError(null, "PruneLab",
                "The workspace " + instance.getURL().getPath() + " is in use by another PruneLab.\n"
                        + "Close it, or start this one on another workspace with -data <directory>.");
        return false;
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
