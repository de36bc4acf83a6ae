package org.prunelab.ui;

import java.util.Objects;
import java.util.function.BiFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;

/**
 * The tips a drawn view shows for what is under the pointer (a node of the exploration tree, a cell of a
 * matrix, a filter of the scatter), which are hidden when a menu opens, when the control's window is
 * deactivated (a dialog opens, another window comes to the front) and when the pointer leaves the control,
 * so that a tip never stays over a menu or a dialog. The platform hides a tip only when the pointer moves
 * off it; a view that opens a menu or a dialog from a click or a key leaves the pointer where it was.
 */
public final class HoverTips {

    private HoverTips() {
    }

    /**
     * Shows, as the pointer moves over a control, the tip for the point under it.
     *
     * @param control the control, a canvas
     * @param tipAt the tip at a point of the control, or null for none there
     */
    public static void show(Control control, BiFunction<Integer, Integer, String> tipAt) {
        control.addListener(SWT.MouseMove, e -> {
            String tip = tipAt.apply(e.x, e.y);
            // setting the same text again would make the platform move the tip under the pointer
            if (!Objects.equals(tip, control.getToolTipText())) {
                control.setToolTipText(tip);
            }
        });
        hideWith(control, () -> control.setToolTipText(null));
    }

    /**
     * Shows a tip of one text over a whole control, hidden at the same moments as the tips of
     * {@link #show(Control, BiFunction)}.
     *
     * @param control the control, a canvas
     * @param tip the text
     */
    public static void show(Control control, String tip) {
        show(control, (x, y) -> tip);
    }

    /**
     * Hides, at the moments a tip must go, a tip the control shows by other means (a Draw2d figure's).
     *
     * @param control the control
     * @param hide hides its tip; it is called on the UI thread, and may be called when none is shown
     */
    public static void hideWith(Control control, Runnable hide) {
        boolean[] hiding = {false};
        Listener listener = e -> {
            // a hide that sends the control a mouse exit of its own (as Draw2d's does) comes back here
            if (!hiding[0] && !control.isDisposed()) {
                hiding[0] = true;
                try {
                    hide.run();
                } finally {
                    hiding[0] = false;
                }
            }
        };
        control.addListener(SWT.MouseExit, listener);
        control.addListener(SWT.MenuDetect, listener);
        Shell shell = control.getShell();
        shell.addListener(SWT.Deactivate, listener);
        // any menu: the control's own, the window's menu bar, a view's menu, another control's context menu
        Display display = control.getDisplay();
        Listener menuShown = e -> {
            if (e.widget instanceof Menu) {
                listener.handleEvent(e);
            }
        };
        display.addFilter(SWT.Show, menuShown);
        control.addListener(SWT.Dispose, e -> {
            display.removeFilter(SWT.Show, menuShown);
            if (!shell.isDisposed()) {
                shell.removeListener(SWT.Deactivate, listener);
            }
        });
    }
}
