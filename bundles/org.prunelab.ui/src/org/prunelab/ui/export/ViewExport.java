package org.prunelab.ui.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.prunelab.core.report.Csv;

/**
 * The export actions every view offers: the view as a PNG image, its tables as CSV.
 */
public final class ViewExport {

    private ViewExport() {
    }

    /**
     * Captures a control as it paints itself now: drawn into an image rather than copied from the screen, so
     * that neither a paint still pending nor a window over the control gets into the picture.
     *
     * @param control a visible control
     * @return the pixels of its client area
     */
    public static ImageData capture(Control control) {
        Point size = control.getSize();
        Image image = new Image(control.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        try {
            GC gc = new GC(image);
            boolean printed;
            try {
                printed = control.print(gc);
            } finally {
                gc.dispose();
            }
            if (!printed) {
                // a platform that cannot print a control into an image: what the screen shows, after its paints
                control.update();
                GC screen = new GC(control);
                try {
                    screen.copyArea(image, 0, 0);
                } finally {
                    screen.dispose();
                }
            }
            return image.getImageData();
        } finally {
            image.dispose();
        }
    }

    /**
     * Writes an image as PNG.
     *
     * @param data the pixels
     * @param file the file, replaced if it exists
     */
    public static void writePng(ImageData data, Path file) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
    }

    /**
     * An action that asks for a file and saves the control there as PNG.
     *
     * @param control what to capture
     * @param name the suggested file name, without extension
     * @return the "Export PNG…" action
     */
    public static IAction pngAction(Control control, Supplier<String> name) {
        return pngAction(control.getShell(), () -> capture(control), name);
    }

    /**
     * An action that asks for a file and saves a picture there as PNG, for views whose picture is larger
     * than what is on screen.
     *
     * @param shell the parent of the dialogs
     * @param picture the pixels, taken when the action runs
     * @param name the suggested file name, without extension
     * @return the "Export PNG…" action
     */
    public static IAction pngAction(Shell shell, Supplier<ImageData> picture, Supplier<String> name) {
        Action action = new Action("Export PNG…") {
            @Override
            public void run() {
                ImageData data = picture.get();
                Path file = ask(shell, name.get() + ".png", "*.png");
                if (file != null) {
                    try {
                        writePng(data, file);
                    } catch (RuntimeException e) {
                        MessageDialog.openError(shell, "Export PNG", "Cannot write " + file + ": "
                                + e.getMessage());
                    }
                }
            }
        };
        action.setToolTipText("Save this view as a PNG image");
        return action;
    }

    /**
     * An action that asks for a file and saves a table there as CSV.
     *
     * @param shell the parent of the dialogs
     * @param rows the table's rows, the header first, taken when the action runs
     * @param name the suggested file name, without extension
     * @return the "Export CSV…" action
     */
    public static IAction csvAction(Shell shell, Supplier<List<List<String>>> rows, Supplier<String> name) {
        Action action = new Action("Export CSV…") {
            @Override
            public void run() {
                List<List<String>> table = rows.get();
                if (table.size() <= 1) {
                    MessageDialog.openInformation(shell, "Export CSV", "There is nothing to export yet.");
                    return;
                }
                Path file = ask(shell, name.get() + ".csv", "*.csv");
                if (file != null) {
                    try {
                        Csv.write(table, file);
                    } catch (IOException e) {
                        MessageDialog.openError(shell, "Export CSV", "Cannot write " + file + ": " + e.getMessage());
                    }
                }
            }
        };
        action.setToolTipText("Save this view's table as CSV");
        return action;
    }

    /**
     * A table's text as rows: the column headers, then one row per item.
     *
     * @param table an SWT table
     * @return its header and items, as shown
     */
    public static List<List<String>> rows(Table table) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.stream(table.getColumns()).map(TableColumn::getText).toList());
        int columns = table.getColumnCount();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                row.add(item.getText(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Gives a table a context menu that exports it as CSV, for tables outside views (dialogs, wizard pages).
     *
     * @param table the table
     * @param name the suggested file name, without extension
     */
    public static void csvMenu(Table table, Supplier<String> name) {
        MenuManager menu = new MenuManager();
        menu.add(csvAction(table.getShell(), () -> rows(table), name));
        table.setMenu(menu.createContextMenu(table));
        table.addDisposeListener(e -> menu.dispose());
    }

    private static Path ask(Shell shell, String fileName, String extension) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setFileName(fileName.replaceAll("[^A-Za-z0-9._-]+", "-"));
        dialog.setFilterExtensions(new String[] {extension});
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}
