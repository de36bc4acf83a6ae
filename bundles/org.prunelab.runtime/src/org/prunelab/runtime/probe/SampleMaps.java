package org.prunelab.runtime.probe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every channel's map on a few chosen samples, kept as the probe pass meets them: the filter view shows a
 * filter's maps on the same sample images whichever filter is picked. The state is samples × channels
 * maps, whatever the dataset's size.
 */
public final class SampleMaps extends AbstractLayerStatistic {

    private final int[] samples;
    private final Map<Integer, float[]> maps = new HashMap<>();
    private int channels;
    private int positions;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer
     * @param samples the dataset indices of the samples to keep
     */
    public SampleMaps(String layer, int... samples) {
        super(layer, false);
        this.samples = samples.clone();
    }

    @Override
    public void accept(LayerBatch batch) {
        int[] indices = batch.indices();
        float[] values = null;
        for (int n = 0; n < indices.length; n++) {
            int sample = indices[n];
            if (Arrays.stream(samples).noneMatch(s -> s == sample)) {
                continue;
            }
            if (values == null) {
                values = batch.activation().toFloatArray();
                channels = batch.channels();
                positions = batch.positions();
            }
            int size = channels * positions;
            maps.put(sample, Arrays.copyOfRange(values, n * size, (n + 1) * size));
        }
    }

    @Override
    public void combine(LayerStatistic other) {
        SampleMaps o = Shapes.same(this, other, SampleMaps.class);
        if (!Arrays.equals(o.samples, samples)) {
            throw new IllegalArgumentException("cannot combine the maps of samples " + Arrays.toString(o.samples)
                    + " with those of " + Arrays.toString(samples));
        }
        if (!o.maps.isEmpty()) {
            channels = o.channels;
            positions = o.positions;
            maps.putAll(o.maps);
        }
    }

    /**
     * One channel's map on one sample.
     *
     * @param sample a dataset index given at creation
     * @param channel a channel of the layer
     * @return its map (H·W row-major), or empty if the pass did not meet the sample
     */
    public Optional<float[]> map(int sample, int channel) {
        float[] all = maps.get(sample);
        return all == null ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(all, channel * positions, (channel + 1) * positions));
    }
}
