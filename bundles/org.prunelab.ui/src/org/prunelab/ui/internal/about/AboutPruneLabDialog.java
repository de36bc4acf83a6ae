package org.prunelab.ui.internal.about;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.Bundle;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.RuntimeInfo;
import org.prunelab.ui.internal.Services;

/**
 * Help &gt; About PruneLab: the versions of PruneLab, the platform, Java, DJL and libtorch in use.
 * The engine facts come from a job, since starting libtorch may take seconds.
 */
public final class AboutPruneLabDialog extends Dialog {

    /** Row label of the DJL version; tests look rows up by these labels. */
    public static final String DJL = "DJL";

    /** Row label of the libtorch version. */
    public static final String LIBTORCH = "libtorch";

    private static final String STARTING = "starting…";

    private Table table;
    private Image logo;

    /**
     * Creates the dialog.
     *
     * @param parent the workbench window's shell
     */
    public AboutPruneLabDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About PruneLab");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(16, 8).applyTo(area);

        logo = new Image(area.getDisplay(), getClass().getResourceAsStream("/icons/prunelab64.png"));
        Label image = new Label(area, SWT.NONE);
        image.setImage(logo);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).span(1, 2).applyTo(image);

        Label title = new Label(area, SWT.NONE);
        title.setText("PruneLab " + version("org.prunelab.ui"));
        title.setFont(JFaceResources.getHeaderFont());
        Label tagline = new Label(area, SWT.WRAP);
        tagline.setText("Prune convolutional neural networks by looking at them.");

        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(560, SWT.DEFAULT).applyTo(table);
        new TableColumn(table, SWT.NONE).setText("Component");
        new TableColumn(table, SWT.NONE).setText("Version / setting");
        row("Eclipse workbench", version("org.eclipse.ui.workbench"));
        row("Java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        row(DJL, STARTING);
        row(LIBTORCH, STARTING);
        row("Threads (intra / inter-op)", STARTING);
        row("Native cache", STARTING);
        loadRuntimeInfo();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    public boolean close() {
        if (logo != null) {
            logo.dispose();
        }
        return super.close();
    }

    /**
     * The value shown in a row.
     *
     * @param component the row's label
     * @return its value, or null if there is no such row
     */
    public String valueOf(String component) {
        for (TableItem item : table.getItems()) {
            if (item.getText(0).equals(component)) {
                return item.getText(1);
            }
        }
        return null;
    }

    private void loadRuntimeInfo() {
        Job job = Job.create("Starting the model runtime", monitor -> {
            ModelRuntime runtime = Services.find(ModelRuntime.class).orElse(null);
            if (runtime == null) {
                show(null, "the org.prunelab.runtime service is not registered");
                return Status.OK_STATUS;
            }
            try {
                show(runtime.info(), null);
            } catch (RuntimeException e) {
                show(null, e.getMessage());
                return Status.error("The model runtime could not start", e);
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(RuntimeInfo info, String problem) {
        if (table.isDisposed()) {
            return;
        }
        table.getDisplay().asyncExec(() -> {
            if (table.isDisposed()) {
                return;
            }
            if (info == null) {
                set(DJL, "unavailable: " + problem);
                set(LIBTORCH, "unavailable");
                set("Threads (intra / inter-op)", "");
                set("Native cache", "");
            } else {
                set(DJL, info.djlVersion() + " (" + info.engineName() + " engine, offline: " + info.offline() + ")");
                set(LIBTORCH, info.libtorchVersion() + " CPU");
                set("Threads (intra / inter-op)", info.threads() + " / " + info.interopThreads());
                set("Native cache", info.nativeCache().toString());
            }
            packColumns();
        });
    }

    private void row(String component, String value) {
        new TableItem(table, SWT.NONE).setText(new String[] {component, value});
        packColumns();
    }

    private void set(String component, String value) {
        for (TableItem item : table.getItems()) {
            if (item.getText(0).equals(component)) {
                item.setText(1, value);
            }
        }
    }

    private void packColumns() {
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
    }

    private static String version(String bundleName) {
        Bundle bundle = Platform.getBundle(bundleName);
        return bundle == null ? "?" : bundle.getVersion().toString();
    }
}
