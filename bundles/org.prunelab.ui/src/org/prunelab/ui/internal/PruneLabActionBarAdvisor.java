package org.prunelab.ui.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
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
 * The menus: File (new projects, import of models, save, quit), Edit (undo, clipboard, delete, find), Window (views,
 * perspective, preferences), Help (about). Other bundles add to them through the {@code additions} groups;
 * the Edit menu has the platform's standard groups, which editors (the text editor that opens JSON files)
 * contribute their actions to.
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
        register(ActionFactory.SAVE.create(w));
        register(ActionFactory.QUIT.create(w));
        register(ActionFactory.UNDO.create(w));
        register(ActionFactory.REDO.create(w));
        register(ActionFactory.CUT.create(w));
        register(ActionFactory.COPY.create(w));
        register(ActionFactory.PASTE.create(w));
        register(ActionFactory.SELECT_ALL.create(w));
        register(ActionFactory.FIND.create(w));
        register(ActionFactory.PREFERENCES.create(w));
        register(ActionFactory.RESET_PERSPECTIVE.create(w));
        register(ActionFactory.REFRESH.create(w));
        register(ActionFactory.IMPORT.create(w));
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
        file.add(getAction(ActionFactory.IMPORT.getId()));
        file.add(new Separator());
        file.add(getAction(ActionFactory.SAVE.getId()));
        file.add(getAction(ActionFactory.REFRESH.getId()));
        file.add(getAction(ActionFactory.PROPERTIES.getId()));
        file.add(new Separator());
        file.add(getAction(ActionFactory.QUIT.getId()));

        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_START));
        edit.add(getAction(ActionFactory.UNDO.getId()));
        edit.add(getAction(ActionFactory.REDO.getId()));
        edit.add(new GroupMarker(IWorkbenchActionConstants.UNDO_EXT));
        edit.add(new Separator());
        edit.add(getAction(ActionFactory.CUT.getId()));
        edit.add(getAction(ActionFactory.COPY.getId()));
        edit.add(getAction(ActionFactory.PASTE.getId()));
        edit.add(new GroupMarker(IWorkbenchActionConstants.CUT_EXT));
        edit.add(new Separator());
        edit.add(getAction(ActionFactory.DELETE.getId()));
        edit.add(getAction(ActionFactory.SELECT_ALL.getId()));
        edit.add(new Separator());
        edit.add(getAction(ActionFactory.FIND.getId()));
        edit.add(new GroupMarker(IWorkbenchActionConstants.FIND_EXT));
        edit.add(new Separator());
        edit.add(new GroupMarker(IWorkbenchActionConstants.ADD_EXT));
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_END));
        edit.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        MenuManager perspective = new MenuManager("&Perspective");
        perspective.add(ContributionItemFactory.PERSPECTIVES_SHORTLIST.create(window));
        windowMenu.add(perspective);
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
