package org.prunelab.runtime.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Per channel, the {@code k} samples that activate it most, with their maps: CNNPruner's "images that
 * activate a filter most", found in the probe pass itself. A sample's activation is the mean of the
 * channel's map over positions (NetPrune's {@code a_f}); ties go to the lower dataset index, so the result
 * does not depend on the batch order or on how the data was split, and {@link #combine} is associative.
 * The state is channels × k maps, whatever the dataset's size.
 */
public final class TopActivations extends AbstractLayerStatistic {

    /**
     * One sample of a channel's top list.
     *
     * @param sample the sample's dataset index
     * @param activation the channel's mean activation on it
     * @param map the channel's map on it, H·W row-major (one value for a vector layer)
     */
    public record Entry(int sample, double activation, float[] map) {
    }

    /** Most activated first; ties to the lower sample index. */
    private static final Comparator<Entry> ORDER = Comparator.comparingDouble((Entry e) -> -e.activation())
            .thenComparingInt(Entry::sample);

    private final int k;
    private List<List<Entry>> top;
    private int height;
    private int width;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer
     * @param k samples kept per channel
     * @throws IllegalArgumentException if {@code k} is not positive
     */
    public TopActivations(String layer, int k) {
        super(layer, false);
        if (k <= 0) {
            throw new IllegalArgumentException("a top list needs at least one sample, not " + k);
        }
        this.k = k;
    }

    @Override
    public void accept(LayerBatch batch) {
        int samples = batch.samples();
        int channels = batch.channels();
        int positions = batch.positions();
        if (top == null) {
            start(channels, batch.activation().getShape().dimension() == 4
                    ? new int[] {(int) batch.activation().getShape().get(2), (int) batch.activation().getShape().get(3)}
                    : new int[] {1, 1});
        }
        float[] sums = batch.spatialSums();
        int[] indices = batch.indices();
        float[] values = null;
        for (int f = 0; f < channels; f++) {
            List<Entry> list = top.get(f);
            for (int n = 0; n < samples; n++) {
                double activation = sums[n * channels + f] / (double) positions;
                if (list.size() == k && !beats(activation, indices[n], list.get(k - 1))) {
                    continue;
                }
                if (values == null) {
                    // the maps are read only from batches that place a sample, which few do once the lists settle
                    values = batch.activation().toFloatArray();
                }
                int base = (n * channels + f) * positions;
                insert(list, new Entry(indices[n], activation, Arrays.copyOfRange(values, base, base + positions)));
            }
        }
    }

    @Override
    public void combine(LayerStatistic other) {
        TopActivations o = Shapes.same(this, other, TopActivations.class);
        if (o.k != k) {
            throw new IllegalArgumentException("cannot combine a top " + o.k + " with a top " + k + " of layer "
                    + layer());
        }
        if (o.top == null) {
            return;
        }
        if (top == null) {
            start(o.top.size(), new int[] {o.height, o.width});
        } else if (o.top.size() != top.size() || o.height != height || o.width != width) {
            throw new IllegalArgumentException("cannot combine top activations of " + o.top.size() + " channels of "
                    + o.height + "×" + o.width + " with " + top.size() + " of " + height + "×" + width);
        }
        for (int f = 0; f < top.size(); f++) {
            for (Entry entry : o.top.get(f)) {
                List<Entry> list = top.get(f);
                if (list.size() < k || beats(entry.activation(), entry.sample(), list.get(k - 1))) {
                    insert(list, entry);
                }
            }
        }
    }

    private void start(int channels, int[] mapShape) {
        top = new ArrayList<>();
        for (int f = 0; f < channels; f++) {
            top.add(new ArrayList<>(k + 1));
        }
        height = mapShape[0];
        width = mapShape[1];
    }

    private static boolean beats(double activation, int sample, Entry last) {
        return activation > last.activation() || activation == last.activation() && sample < last.sample();
    }

    private void insert(List<Entry> list, Entry entry) {
        int at = 0;
        while (at < list.size() && ORDER.compare(list.get(at), entry) <= 0) {
            at++;
        }
        list.add(at, entry);
        if (list.size() > k) {
            list.remove(k);
        }
    }

    /**
     * A channel's top list.
     *
     * @param channel a channel of the layer
     * @return up to k entries, the most activated first; empty before any batch
     */
    public List<Entry> of(int channel) {
        return top == null ? List.of() : List.copyOf(top.get(channel));
    }

    /**
     * Samples kept per channel.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * The channels seen.
     *
     * @return the layer's width, 0 before any batch
     */
    public int channels() {
        return top == null ? 0 : top.size();
    }

    /**
     * The maps' height.
     *
     * @return H, 1 for a vector layer
     */
    public int height() {
        return height;
    }

    /**
     * The maps' width.
     *
     * @return W, 1 for a vector layer
     */
    public int width() {
        return width;
    }
}
