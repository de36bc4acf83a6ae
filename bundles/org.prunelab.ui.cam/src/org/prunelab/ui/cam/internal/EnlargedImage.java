package org.prunelab.ui.cam.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.ui.internal.Pictures;

/**
 * One image of the CAM comparison, large: input, both maps and their difference side by side with their
 * captions and scores, in a window of its own.
 */
final class EnlargedImage {

    private static final int SIDE = 280;

    private EnlargedImage() {
    }

    /**
     * Opens the window.
     *
     * @param parent the workbench window's shell
     * @param baseline the baseline's id
     * @param compared the compared version's id
     * @param classNames the classes
     * @param sample the image's scores
     * @param maps its pixels and maps
     */
    static void open(Shell parent, String baseline, String compared, List<String> classNames,
            CamComparison.Sample sample, CamComparison.ImageMaps maps) {
        Shell shell = new Shell(parent, SWT.DIALOG_TRIM | SWT.RESIZE);
        shell.setText("Image " + sample.index() + ": " + classNames.get(sample.label()));
        shell.setLayout(new FillLayout());
        int scale = Math.max(1, SIDE / maps.camA().length);
        Image[] images = {new Image(shell.getDisplay(), Pictures.input(maps.pixels(), scale)),
            new Image(shell.getDisplay(), Pictures.overlay(maps.pixels(), maps.camA(), scale)),
            new Image(shell.getDisplay(), Pictures.overlay(maps.pixels(), maps.camB(), scale)),
            new Image(shell.getDisplay(), Pictures.difference(maps.camA(), maps.camB(), scale))};
        String[] captions = {"input (" + classNames.get(sample.label()) + ")",
            baseline + " explains " + classNames.get(maps.explained()),
            compared + " (predicts " + classNames.get(sample.predictedB()) + ")", compared + " − " + baseline};
        Canvas canvas = new Canvas(shell, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(shell.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        int side = images[0].getBounds().width;
        canvas.addPaintListener(e -> {
            int line = e.gc.getFontMetrics().getHeight();
            for (int k = 0; k < 4; k++) {
                int x = 12 + k * (side + 12);
                e.gc.drawString(captions[k], x, 8, true);
                e.gc.drawImage(images[k], x, 12 + line);
            }
            e.gc.drawString(String.format(Locale.ROOT, "S (SSIM) %.4f     F (spectral) %.4f     H %.4f",
                    sample.spatial(), sample.spectral(), sample.harmonic()), 12, 20 + line + side, true);
        });
        shell.addListener(SWT.Dispose, e -> {
            for (Image image : images) {
                image.dispose();
            }
        });
        shell.setSize(24 + 4 * (side + 12), side + 120);
        shell.open();
    }
}
