package org.prunelab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.VersionJob;

/**
 * A view of what analyses computed for a version: a message in place of the page until something is
 * shown, a row of controls that wraps where the view is narrow, a headline, one job that reads or computes
 * what is shown, the workbench selection followed, a deleted version forgotten, and PNG and CSV export.
 * The views render; what they show is computed by headless providers in the job.
 */
public abstract class AnalysisView extends SelectionView {

    /**
     * A version's model as a job reads it: its versions, its root, the project's dataset.
     *
     * @param projectDir the project
     * @param data its dataset
     * @param versions the model's versions, in the store's order
     * @param root the model's root
     */
    public record Model(Path projectDir, DatasetSpec data, List<ModelVersion> versions, ModelVersion root) {

        /**
         * Reads the model of a version.
         *
         * @param version the version
         * @return its model
         * @throws IOException if the project cannot be read
         */
        public static Model of(ModelVersion version) throws IOException {
            Path dir = version.projectDirectory();
            VersionStore store = new VersionStore(dir);
            return new Model(dir, VersionJob.dataset(dir), store.versions(version.model()),
                    store.version(version.model(), PruningService.ROOT));
        }

        /**
         * A version of the model by id.
         *
         * @param id the id
         * @return the version, or the root if there is none with that id
         */
        public ModelVersion find(String id) {
            return versions.stream().filter(v -> v.id().equals(id)).findFirst().orElse(root);
        }

        /**
         * The ids of the model's versions.
         *
         * @return the ids, in the store's order
         */
        public List<String> ids() {
            return versions.stream().map(ModelVersion::id).toList();
        }
    }

    protected Composite body;
    protected Composite page;
    protected Composite controls;
    protected Label headline;
    protected ViewJobs reading;
    private StackLayout stack;
    private Label message;
    private String status;

    private final ISelectionListener listener = (IWorkbenchPart part, ISelection chosen) -> {
        if (part != this && chosen != null) {
            selected(chosen);
        }
    };

    /**
     * The sentence shown before anything is selected.
     *
     * @return the sentence
     */
    protected abstract String nothingSelected();

    /**
     * Fills the page below the headline.
     *
     * @param parent the page, a one-column grid
     */
    protected abstract void createContent(Composite parent);

    /**
     * Follows the workbench selection.
     *
     * @param selection what another part selected
     */
    protected abstract void selected(ISelection selection);

    /**
     * The version shown, for the deleted-version watch.
     *
     * @return the version, or null
     */
    protected abstract ModelVersion shownVersion();

    /** Forgets what is shown, when its version is deleted. */
    protected abstract void clear();

    /**
     * The picture exported as PNG: the page as shown.
     *
     * @return the picture
     */
    protected ImageData picture() {
        return ViewExport.capture(page);
    }

    /**
     * The rows exported as CSV.
     *
     * @return the rows, a header first
     */
    public abstract List<List<String>> table();

    /**
     * The file name exported files start with.
     *
     * @return the name
     */
    protected abstract String exportName();

    @Override
    public final void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        stack = new StackLayout();
        body.setLayout(stack);
        message = new Label(body, SWT.WRAP);
        status = nothingSelected();
        message.setText(status);
        page = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 4).spacing(4, 4).applyTo(page);
        controls = Controls.wrappingRow(page);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(controls);
        headline = new Label(page, SWT.WRAP);
        headline.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(headline);
        createContent(page);
        stack.topControl = message;
        reading = new ViewJobs(body, getClass());
        DeletedVersions.watch(body, this::shownVersion, gone -> {
            reading.cancel();
            clear();
            showMessage(nothingSelected());
        });
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(body.getShell(), this::picture, this::exportName));
        menu.add(ViewExport.csvAction(body.getShell(), this::table, this::exportName));
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(listener);
        ISelection tree = getSite().getPage().getSelection(PruningPerspective.EXPLORATION_TREE);
        if (tree != null) {
            selected(tree);
        }
    }

    @Override
    public final void setSelection(ISelection selection) {
        selected(selection);
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(listener);
        super.dispose();
    }

    @Override
    public void setFocus() {
        body.setFocus();
    }

    /**
     * A combo with its label before it, kept together when the controls wrap.
     *
     * @param label the label
     * @param tooltip what it chooses
     * @return the combo
     */
    protected Combo combo(String label, String tooltip) {
        return Controls.labelledCombo(controls, label, tooltip);
    }

    /**
     * Fills a combo, keeping the listeners quiet, and selects an item.
     *
     * @param combo the combo
     * @param items its items
     * @param selected the item to select, or null for the first
     */
    protected static void fill(Combo combo, List<String> items, String selected) {
        combo.setItems(items.toArray(String[]::new));
        combo.select(Math.max(0, selected == null ? 0 : items.indexOf(selected)));
        combo.getParent().layout();
    }

    /**
     * Says something in place of the page (before anything is shown) or in the headline.
     *
     * @param text the sentence
     */
    protected void showMessage(String text) {
        status = text;
        message.setText(text);
        stack.topControl = message;
        body.layout(true, true);
    }

    /**
     * Says what is being done: in place of the page while nothing is shown, otherwise in the headline.
     *
     * @param text the sentence
     * @param pageShown whether the page shows something already
     */
    protected void progress(String text, boolean pageShown) {
        if (pageShown) {
            status = text;
            headline.setText(text);
            page.layout(true, true);
        } else {
            showMessage(text);
        }
    }

    /**
     * Shows the page with its headline.
     *
     * @param text the headline
     */
    protected void showPage(String text) {
        status = text;
        headline.setText(text);
        stack.topControl = page;
        // the stack shows the page only once the body is laid out again
        body.layout(true, true);
    }

    /**
     * What the view says now: the headline or the message.
     *
     * @return the sentence
     */
    public String status() {
        return status;
    }

    /**
     * Whether the page (not the message) is on top.
     *
     * @return true once something is shown
     */
    public boolean pageVisible() {
        return stack.topControl == page;
    }

    /**
     * Whether a job of the view is still running.
     *
     * @return true while reading or computing
     */
    public boolean busy() {
        return reading.busy();
    }

    /**
     * A number for the CSV export: six significant digits, a point for decimals.
     *
     * @param v the value
     * @return its text
     */
    protected static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
