package org.prunelab.ui.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.prunelab.ui.internal.about.AboutPruneLabDialog;

/**
 * The menus: File (new projects, quit), Window (views, perspective, preferences), Help (about).
 * Other bundles add to them through the {@code additions} groups.
 */
final class PruneLabActionBarAdvisor extends ActionBarAdvisor {

    private IWorkbenchWindow window;

    PruneLabActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow w) {
        this.window = w;
        register(ActionFactory.NEW.create(w));
        register(ActionFactory.QUIT.create(w));
        register(ActionFactory.PREFERENCES.create(w));
        register(ActionFactory.RESET_PERSPECTIVE.create(w));
        register(ActionFactory.REFRESH.create(w));
        register(ActionFactory.DELETE.create(w));
        register(ActionFactory.PROPERTIES.create(w));
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        MenuManager newMenu = new MenuManager("&New", ActionFactory.NEW.getId());
        newMenu.add(ContributionItemFactory.NEW_WIZARD_SHORTLIST.create(window));
        file.add(newMenu);
        file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(getAction(ActionFactory.REFRESH.getId()));
        file.add(getAction(ActionFactory.PROPERTIES.getId()));
        file.add(new Separator());
        file.add(getAction(ActionFactory.QUIT.getId()));

        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(getAction(ActionFactory.DELETE.getId()));
        edit.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(getAction(ActionFactory.RESET_PERSPECTIVE.getId()));
        windowMenu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        windowMenu.add(new Separator());
        windowMenu.add(getAction(ActionFactory.PREFERENCES.getId()));

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(aboutAction());

        menuBar.add(file);
        menuBar.add(edit);
        menuBar.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(windowMenu);
        menuBar.add(help);
    }

    private IAction aboutAction() {
        Action about = new Action("&About PruneLab") {
            @Override
            public void run() {
                new AboutPruneLabDialog(window.getShell()).open();
            }
        };
        about.setId(ActionFactory.ABOUT.getId());
        return about;
    }
}
