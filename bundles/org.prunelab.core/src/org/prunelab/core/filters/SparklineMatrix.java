package org.prunelab.core.filters;

/**
 * NetPrune's sparkline matrix of a layer: a C×C grid of classes, row = baseline class A, column = class B.
 * Each cell is a sparkline over the drawn filters, in the order of the current metric: the diagonal cell
 * (A, A) draws {@code a_f(A)}, an off-diagonal cell draws {@code a_f(A) − a_f(B)} against a zero line,
 * on a background whose opacity is {@code Σ_f |a_f(A) − a_f(B)| / (maxNonDiag · nFilters)}, so class pairs
 * the layer separates well stand out. {@code maxNonDiag} is the largest {@code |a_f(A) − a_f(B)|} of any
 * off-diagonal cell and drawn filter, which bounds every opacity by 1 and is also the off-diagonal cells'
 * shared y scale. The diagonal cells share the scale [0, largest drawn {@code a_f(c)}]: after the layer's
 * min-max normalisation by its single largest activation, spatial means are often far below 1. When filters
 * are selected, only those are drawn and counted.
 */
public final class SparklineMatrix {

    private final ClassActivations activations;
    private final int[] filters;
    private final double maxNonDiagonal;
    private final double maxActivation;

    private SparklineMatrix(ClassActivations activations, int[] filters) {
        this.activations = activations;
        this.filters = filters.clone();
        double max = 0;
        int classes = activations.classes();
        for (int a = 0; a < classes; a++) {
            for (int b = 0; b < classes; b++) {
                if (a != b) {
                    for (int f : filters) {
                        max = Math.max(max, Math.abs(activations.of(a, f) - activations.of(b, f)));
                    }
                }
            }
        }
        this.maxNonDiagonal = max;
        double highest = 0;
        for (int a = 0; a < classes; a++) {
            for (int f : filters) {
                highest = Math.max(highest, activations.of(a, f));
            }
        }
        this.maxActivation = highest;
    }

    /**
     * The matrix of some filters.
     *
     * @param activations the layer's class activations
     * @param filters the filters to draw, in x order (all of them ranked by the metric, or the selected ones)
     * @return the matrix
     * @throws IllegalArgumentException if a filter index is out of range
     */
    public static SparklineMatrix of(ClassActivations activations, int[] filters) {
        for (int f : filters) {
            if (f < 0 || f >= activations.filters()) {
                throw new IllegalArgumentException("layer '" + activations.layer() + "' has no filter " + f);
            }
        }
        return new SparklineMatrix(activations, filters);
    }

    /**
     * The number of classes, the matrix's side.
     *
     * @return C
     */
    public int classes() {
        return activations.classes();
    }

    /**
     * The filters drawn, in x order.
     *
     * @return filter indices
     */
    public int[] filters() {
        return filters.clone();
    }

    /**
     * The values of a cell's sparkline.
     *
     * @param baseline the row, class A
     * @param compared the column, class B
     * @return {@code a_f(A)} on the diagonal, {@code a_f(A) − a_f(B)} elsewhere, one per drawn filter
     */
    public double[] values(int baseline, int compared) {
        double[] values = new double[filters.length];
        for (int i = 0; i < filters.length; i++) {
            int f = filters[i];
            values[i] = baseline == compared ? activations.of(baseline, f)
                    : activations.of(baseline, f) - activations.of(compared, f);
        }
        return values;
    }

    /**
     * The opacity of a cell's background.
     *
     * @param baseline the row, class A
     * @param compared the column, class B
     * @return in [0, 1]; 0 on the diagonal, when nothing is drawn, or when no class pair differs
     */
    public double alpha(int baseline, int compared) {
        if (baseline == compared || filters.length == 0 || maxNonDiagonal == 0) {
            return 0;
        }
        double sum = 0;
        for (int f : filters) {
            sum += Math.abs(activations.of(baseline, f) - activations.of(compared, f));
        }
        return sum / (maxNonDiagonal * filters.length);
    }

    /**
     * The largest absolute difference of any off-diagonal cell: the off-diagonal y scale.
     *
     * @return maxNonDiag
     */
    public double maxNonDiagonal() {
        return maxNonDiagonal;
    }

    /**
     * The largest class activation of any drawn filter: the diagonal cells' y scale.
     *
     * @return max over classes and drawn filters of {@code a_f(c)}
     */
    public double maxActivation() {
        return maxActivation;
    }
}
