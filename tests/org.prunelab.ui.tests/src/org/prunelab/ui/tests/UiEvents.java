package org.prunelab.ui.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

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
}
