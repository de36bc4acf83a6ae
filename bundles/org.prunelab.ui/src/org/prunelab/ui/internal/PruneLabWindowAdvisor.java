package org.prunelab.ui.internal;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * The main window: its size, title and bars.
 */
final class PruneLabWindowAdvisor extends WorkbenchWindowAdvisor {

    /** How far one notch of the wheel scrolls a view (three lines of text). */
    private static final int WHEEL_PIXELS = 16;

    PruneLabWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new PruneLabActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        // the views need room: the first window fills the screen (later starts restore the saved size)
        Rectangle screen = Display.getCurrent().getPrimaryMonitor().getClientArea();
        configurer.setInitialSize(new Point(Math.max(1024, screen.width), Math.max(700, screen.height)));
        configurer.setShowCoolBar(false);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle("PruneLab — " + ResourcesPlugin.getWorkspace().getRoot().getLocation().toOSString());
        // a wheel turned over a combo the pointer merely passes (scrolling a view) must not change its choice:
        // only the combo that has the focus takes the wheel; for the others it scrolls the view around them
        Display.getCurrent().addFilter(SWT.MouseVerticalWheel, e -> {
            if (e.widget instanceof Combo combo && !combo.isFocusControl()) {
                e.doit = false;
                for (Composite parent = combo.getParent(); parent != null; parent = parent.getParent()) {
                    if (parent instanceof ScrolledComposite scrolled) {
                        Point origin = scrolled.getOrigin();
                        scrolled.setOrigin(origin.x, Math.max(0, origin.y - e.count * WHEEL_PIXELS));
                        break;
                    }
                }
            }
        });
    }
}
