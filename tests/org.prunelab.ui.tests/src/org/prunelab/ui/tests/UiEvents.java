package org.prunelab.ui.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.prunelab.core.project.ProjectFiles;

/**
 * Drives the SWT event loop from tests that run on the UI thread.
 */
final class UiEvents {

    private UiEvents() {
    }

    /** Processes every pending event. */
    static void flush() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Processes events until the condition holds; false if it did not within the timeout. */
    static boolean waitUntil(BooleanSupplier condition, long timeoutMillis) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        return true;
    }

    /** The first control of a type in a depth-first walk of the tree, or null. */
    static <T extends Control> T find(Control root, Class<T> type) {
        if (type.isInstance(root)) {
            return type.cast(root);
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Deletes a test's project folder, waiting while a view's job still writes a cache into it (the job runs on
     * after the test has seen what it asked for).
     *
     * @param folder the folder
     * @throws IOException if it cannot be deleted within 30 s
     */
    static void deleteFolder(Path folder) throws IOException {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                ProjectFiles.deleteTree(folder);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > end) {
                    throw e;
                }
                waitUntil(() -> false, 200);
            }
        }
    }
}
