package org.prunelab.runtime.cam;

import java.util.List;
import java.util.Set;

import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ForwardPass;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * Grad-CAM (Selvaraju et al. 2017) and Grad-CAM++ (Chattopadhay et al. 2018) of one convolution, for a
 * batch of images.
 * <p>
 * With A the convolution's output [C, h, w] for one image and g = ∂y_c/∂A the gradient of the class's
 * logit, the map is ReLU(Σ_k α_k A_k): Grad-CAM weighs channel k by α_k = mean of g_k over positions;
 * Grad-CAM++ by α_k = Σ_ij a_kij ReLU(g_kij) with a = g² / (2g² + (Σ_ab A_kab) g³), 0 where g = 0 (the
 * closed form of the paper under an exponential output, as the pytorch-grad-cam package computes it). The
 * map is upsampled to the input's size bilinearly with half-pixel centres (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}, OpenCV's {@code resize}) and min-max
 * normalised to [0, 1]; a map that is zero everywhere stays zero.
 */
public final class GradCam {

    /** How the channels of the convolution are weighted. */
    public enum Method {
        /** The spatial mean of the gradient. */
        GRAD_CAM,
        /** Grad-CAM++'s weighting of positive gradients. */
        GRAD_CAM_PLUS_PLUS
    }

    /**
     * The maps of a batch and what the model predicts.
     *
     * @param maps one map per image, [height][width] of the input, values in [0, 1]
     * @param classes the class each map explains
     * @param predicted the class the model predicts for each image
     */
    public record Maps(float[][][] maps, int[] classes, int[] predicted) {
    }

    private GradCam() {
    }

    /**
     * The convolution explained when the user names none: the network's last one, the one nearest to
     * the pooling and linear layers, whose maps are the most semantic of the network.
     *
     * @param network the network
     * @return the id of its last convolution
     * @throws IllegalArgumentException if the network has no convolution
     */
    public static String defaultLayer(Network network) {
        List<Layer> convolutions = network.layersOf(Op.Conv2d.class);
        if (convolutions.isEmpty()) {
            throw new IllegalArgumentException("network " + network.name() + " has no convolution to explain");
        }
        return convolutions.get(convolutions.size() - 1).id();
    }

    /**
     * Checks that a layer can be explained.
     *
     * @param network the network
     * @param layer the layer's id
     * @throws IllegalArgumentException if the network has no such layer or it is not a convolution
     */
    public static void requireConvolution(Network network, String layer) {
        Layer found = network.layer(layer).orElseThrow(() -> new IllegalArgumentException("network " + network.name()
                + " has no layer '" + layer + "'; its convolutions: " + ids(network)));
        if (!(found.op() instanceof Op.Conv2d)) {
            throw new IllegalArgumentException("layer '" + layer + "' of network " + network.name() + " is a "
                    + found.op().type() + ", not a convolution; its convolutions: " + ids(network));
        }
    }

    /**
     * The maps of a batch.
     *
     * @param model the model; unchanged
     * @param images the normalised images [n, channels, height, width]
     * @param classes the class to explain per image, or null for the class the model predicts
     * @param layer the convolution
     * @param method the weighting of channels
     * @return the maps, the classes explained and the predictions
     * @throws IllegalArgumentException if the layer is not a convolution of the model, the images do not
     *             fit it, or a class is out of range
     */
    public static Maps of(NetworkModel model, NDArray images, int[] classes, String layer, Method method) {
        requireConvolution(model.network(), layer);
        int n = Math.toIntExact(images.getShape().get(0));
        if (classes != null && classes.length != n) {
            throw new IllegalArgumentException(classes.length + " classes for " + n + " images");
        }
        int height = Math.toIntExact(images.getShape().get(2));
        int width = Math.toIntExact(images.getShape().get(3));
        // every array of the computation lives in this scope, freed before returning
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scope);
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                ForwardPass pass = Executor.run(model, x, false, Set.of(layer), Set.of(layer));
                int[] predicted = argMax(pass.logits());
                int[] explained = classes == null ? predicted : classes.clone();
                int classCount = Math.toIntExact(pass.logits().getShape().get(1));
                for (int c : explained) {
                    if (c < 0 || c >= classCount) {
                        throw new IllegalArgumentException("class " + c + " is out of range: network "
                                + model.network().name() + " has " + classCount + " classes");
                    }
                }
                // Σ_i y_{i, c_i}: image i's gradient is that of its own class's logit alone
                NDArray chosen = pass.logits().mul(scope.create(explained).oneHot(classCount)).sum();
                collector.backward(chosen);
                NDArray activation = pass.outputs().get(layer);
                NDArray gradient = pass.gradient(layer);
                NDArray weights = method == Method.GRAD_CAM ? gradient.sum(new int[] {2, 3}).div((float) (gradient.getShape().get(2) * gradient.getShape().get(3)))
                        : plusPlusWeights(activation, gradient);
                NDArray cam = activation.mul(weights.expandDims(2).expandDims(3)).sum(new int[] {1}).maximum(0f);
                int h = Math.toIntExact(cam.getShape().get(1));
                int w = Math.toIntExact(cam.getShape().get(2));
                float[] values = cam.toFloatArray();
                float[][][] maps = new float[n][h][w];
                for (int i = 0; i < n; i++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(values, (i * h + y) * w, maps[i][y], 0, w);
                    }
                    maps[i] = normalize(upsample(maps[i], height, width));
                }
                return new Maps(maps, explained, predicted);
            }
        }
    }

    private static NDArray plusPlusWeights(NDArray activation, NDArray gradient) {
        NDArray g2 = gradient.square();
        NDArray g3 = g2.mul(gradient);
        NDArray sumA = activation.sum(new int[] {2, 3}, true);
        NDArray a = g2.div(g2.mul(2).add(sumA.mul(g3)).add(1e-6f));
        a = a.mul(gradient.neq(0f).toType(a.getDataType(), false));
        return gradient.maximum(0f).mul(a).sum(new int[] {2, 3});
    }

    /**
     * Bilinear upsampling with half-pixel centres and clamped borders: output pixel y samples the map at
     * (y + 0.5) · h / height − 0.5, as PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}.
     *
     * @param map h × w values
     * @param height the output's height
     * @param width the output's width
     * @return height × width values
     */
    public static float[][] upsample(float[][] map, int height, int width) {
        int h = map.length;
        int w = map[0].length;
        float[][] out = new float[height][width];
        for (int y = 0; y < height; y++) {
            double sy = Math.max((y + 0.5) * h / height - 0.5, 0);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            double ly = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max((x + 0.5) * w / width - 0.5, 0);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w - 1);
                double lx = sx - x0;
                double top = (1 - lx) * map[y0][x0] + lx * map[y0][x1];
                double bottom = (1 - lx) * map[y1][x0] + lx * map[y1][x1];
                out[y][x] = (float) ((1 - ly) * top + ly * bottom);
            }
        }
        return out;
    }

    private static float[][] normalize(float[][] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float range = max - min;
        for (float[] row : map) {
            for (int x = 0; x < row.length; x++) {
                row[x] = range > 0 ? (row[x] - min) / range : 0f;
            }
        }
        return map;
    }

    private static int[] argMax(NDArray logits) {
        long[] values = logits.argMax(1).toLongArray();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (int) values[i];
        }
        return result;
    }

    private static List<String> ids(Network network) {
        return network.layersOf(Op.Conv2d.class).stream().map(Layer::id).toList();
    }
}
