package org.prunelab.runtime.network;

/**
 * What a layer computes. Channel counts of inputs are never stored: they follow from the graph, so a
 * pruned network is described by changing only the producers' widths.
 */
public sealed interface Op {

    /** The name of the operation in the JSON form of a network. */
    String type();

    /**
     * 2-D convolution with square kernels.
     *
     * @param filters output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding zero padding on every side
     * @param bias whether a bias is added
     * @param groups how many groups the input and output channels are split into, each filter reading only
     *            its group's input channels (1: an ordinary convolution; the input's channel count: a
     *            depthwise one)
     */
    record Conv2d(int filters, int kernel, int stride, int padding, boolean bias, int groups) implements Op {
        /** Checks the sizes. */
        public Conv2d {
            positive(filters, "filters");
            positive(kernel, "kernel");
            positive(stride, "stride");
            positive(groups, "groups");
            if (padding < 0) {
                throw new IllegalArgumentException("padding must be >= 0, not " + padding);
            }
            if (filters % groups != 0) {
                throw new IllegalArgumentException("filters (" + filters + ") must be a multiple of groups (" + groups + ")");
            }
        }

        /**
         * An ordinary (ungrouped) convolution.
         *
         * @param filters output channels
         * @param kernel kernel size
         * @param stride stride
         * @param padding zero padding on every side
         * @param bias whether a bias is added
         */
        public Conv2d(int filters, int kernel, int stride, int padding, boolean bias) {
            this(filters, kernel, stride, padding, bias, 1);
        }

        /**
         * Whether each filter reads exactly one input channel and each input channel feeds one filter, so
         * that the output's channels are the input's (a depthwise convolution with multiplier 1).
         *
         * @param inputChannels the channels of the convolution's input
         * @return true for groups = filters = input channels &gt; 1
         */
        public boolean isDepthwise(int inputChannels) {
            return groups > 1 && groups == inputChannels && filters == groups;
        }

        @Override
        public String type() {
            return "conv2d";
        }
    }

    /**
     * Batch normalisation over the channels of a feature map.
     *
     * @param epsilon added to the variance
     * @param momentum weight of the current batch in the running statistics
     */
    record BatchNorm2d(double epsilon, double momentum) implements Op {
        /** Checks the values: a NaN here would make every output NaN. */
        public BatchNorm2d {
            if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("epsilon must be finite and >= 0, not " + epsilon);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1], not " + momentum);
            }
        }

        @Override
        public String type() {
            return "batchnorm2d";
        }
    }

    /** Rectified linear unit. */
    record Relu() implements Op {
        @Override
        public String type() {
            return "relu";
        }
    }

    /** ReLU6, min(max(x, 0), 6), as MobileNets use it. */
    record Relu6() implements Op {
        @Override
        public String type() {
            return "relu6";
        }
    }

    /**
     * Leaky ReLU: x for x ≥ 0, slope · x below.
     *
     * @param slope the slope for negative inputs (PyTorch's negative_slope, 0.01 by default)
     */
    record LeakyRelu(double slope) implements Op {
        /** Checks the slope. */
        public LeakyRelu {
            if (!Double.isFinite(slope)) {
                throw new IllegalArgumentException("the slope must be finite, not " + slope);
            }
        }

        @Override
        public String type() {
            return "leakyrelu";
        }
    }

    /** SiLU (swish), x · sigmoid(x). */
    record Silu() implements Op {
        @Override
        public String type() {
            return "silu";
        }
    }

    /** The logistic sigmoid, 1 / (1 + e^−x). */
    record Sigmoid() implements Op {
        @Override
        public String type() {
            return "sigmoid";
        }
    }

    /**
     * Max pooling.
     *
     * @param kernel window size
     * @param stride stride
     */
    record MaxPool2d(int kernel, int stride) implements Op {
        /** Checks the sizes. */
        public MaxPool2d {
            positive(kernel, "kernel");
            positive(stride, "stride");
        }

        @Override
        public String type() {
            return "maxpool2d";
        }
    }

    /**
     * Average pooling.
     *
     * @param kernel window size
     * @param stride stride
     */
    record AvgPool2d(int kernel, int stride) implements Op {
        /** Checks the sizes. */
        public AvgPool2d {
            positive(kernel, "kernel");
            positive(stride, "stride");
        }

        @Override
        public String type() {
            return "avgpool2d";
        }
    }

    /** Average over all positions: [C,H,W] to [C,1,1]. */
    record GlobalAvgPool() implements Op {
        @Override
        public String type() {
            return "globalavgpool";
        }
    }

    /** [C,H,W] to [C·H·W], channel-major. */
    record Flatten() implements Op {
        @Override
        public String type() {
            return "flatten";
        }
    }

    /**
     * Fully connected layer.
     *
     * @param units output features
     * @param bias whether a bias is added
     */
    record Linear(int units, boolean bias) implements Op {
        /** Checks the size. */
        public Linear {
            positive(units, "units");
        }

        @Override
        public String type() {
            return "linear";
        }
    }

    /** Element-wise sum of two or more inputs of one shape (residual connections). */
    record Add() implements Op {
        @Override
        public String type() {
            return "add";
        }
    }

    /** Concatenation of two or more feature maps of one height and width along the channels. */
    record Concat() implements Op {
        @Override
        public String type() {
            return "concat";
        }
    }

    /**
     * Dropout, active in training only.
     *
     * @param rate probability of zeroing an element
     */
    record Dropout(double rate) implements Op {
        /** Checks the rate. */
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
            }
        }

        @Override
        public String type() {
            return "dropout";
        }
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
