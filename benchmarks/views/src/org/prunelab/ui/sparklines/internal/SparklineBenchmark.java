package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.SparklineMatrix;

/**
 * Sparkline matrix repaint (docs/BENCHMARKS.md): the view's painter drawing a 10 × 10 matrix of 512
 * filters into an image the size of the view, as one repaint of the double-buffered canvas does.
 * Arguments: classes, filters, repeats.
 */
public final class SparklineBenchmark {

    private SparklineBenchmark() {
    }

    /**
     * Runs the benchmark and prints a Markdown table.
     *
     * @param args classes, filters, repeats (defaults 10, 512, 200)
     */
    public static void main(String[] args) {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int filters = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Random random = new Random(1);
        double[][] means = new double[classes][filters];
        for (double[] row : means) {
            for (int f = 0; f < filters; f++) {
                row[f] = random.nextDouble() * 0.05;
            }
        }
        List<String> names = IntStream.range(0, classes).mapToObj(c -> "class " + c).toList();
        ClassActivations activations = new ClassActivations("conv", names, means, new long[classes]);
        int[] order = FilterOrder.byImportance(activations.difference(0, 1)).ranked();
        Display display = new Display();
        System.out.println("| canvas | what | median ms | 95th percentile ms |");
        System.out.println("|---|---|---:|---:|");
        for (int[] size : new int[][] {{700, 450}, {1000, 700}, {1600, 1000}}) {
            Image image = new Image(display, size[0], size[1]);
            Rectangle area = new Rectangle(0, 0, size[0], size[1]);
            List<Double> matrixTimes = new ArrayList<>();
            List<Double> paintTimes = new ArrayList<>();
            for (int i = 0; i < repeats + 50; i++) {
                long start = System.nanoTime();
                SparklineMatrix matrix = SparklineMatrix.of(activations, order);
                long built = System.nanoTime();
                GC gc = new GC(image);
                gc.setBackground(display.getSystemColor(org.eclipse.swt.SWT.COLOR_WHITE));
                gc.fillRectangle(area);
                SparklinePainter.paint(gc, matrix, names, area, 0, 1);
                // GTK images are cairo image surfaces: drawing is done on the CPU by the time dispose returns
                gc.dispose();
                long painted = System.nanoTime();
                if (i >= 50) {
                    matrixTimes.add((built - start) / 1e6);
                    paintTimes.add((painted - built) / 1e6);
                }
            }
            image.dispose();
            String canvas = size[0] + " × " + size[1];
            row(canvas, "matrix (" + classes + "×" + classes + ", " + filters + " filters)", matrixTimes);
            row(canvas, "paint", paintTimes);
            List<Double> total = new ArrayList<>();
            for (int i = 0; i < paintTimes.size(); i++) {
                total.add(paintTimes.get(i) + matrixTimes.get(i));
            }
            row(canvas, "**repaint (matrix + paint)**", total);
        }
        display.dispose();
    }

    private static void row(String canvas, String what, List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", canvas, what, sorted[sorted.length / 2],
                sorted[(int) Math.floor(0.95 * (sorted.length - 1))]);
    }
}
