package org.prunelab.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The architectures PruneLab builds: a small VGG-style net for 28×28 grey images, VGG-11/16 with batch
 * norm and the CIFAR ResNets for 32×32 colour images.
 */
public final class Architectures {

    /** The VGG-11 configuration: filters of each conv, 0 for a 2×2 max pool. */
    private static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};

    /** The VGG-16 configuration. */
    private static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    private static final Op BN = new Op.BatchNorm2d(1e-5, 0.1);

    private Architectures() {
    }

    /**
     * A small VGG-style network: conv-BN-ReLU units, a 2×2 max pool after every second one, then one
     * linear classifier. With widths 32, 32, 64, 64 on 28×28×1 it is the demo network of Fashion-MNIST.
     *
     * @param name the network's name
     * @param inputShape [channels, height, width]
     * @param widths filters of each conv layer, in order
     * @param classes number of classes
     * @return the network
     */
    public static Network smallVgg(String name, List<Integer> inputShape, List<Integer> widths, int classes) {
        return smallVgg(name, inputShape, widths, classes, false);
    }

    /**
     * A small VGG-style network whose convolutions may have a bias, as PyTorch's {@code nn.Conv2d} has by
     * default (before a batch norm it changes nothing the network computes, but its weights exist).
     *
     * @param name the network's name
     * @param inputShape [channels, height, width]
     * @param widths filters of each conv layer, in order
     * @param classes number of classes
     * @param convBias whether every convolution has a bias
     * @return the network
     */
    public static Network smallVgg(String name, List<Integer> inputShape, List<Integer> widths, int classes,
            boolean convBias) {
        int[] config = new int[widths.size() + widths.size() / 2];
        int k = 0;
        for (int i = 0; i < widths.size(); i++) {
            config[k++] = widths.get(i);
            if (i % 2 == 1) {
                config[k++] = 0;
            }
        }
        return vgg(name, inputShape, config, 1.0, classes, convBias);
    }

    /**
     * VGG-11 with batch norm for 32×32×3 images (a CIFAR-style head: one linear layer after the last pool).
     *
     * @param widthMultiplier scales every conv's filter count (1.0 for the standard network)
     * @param classes number of classes
     * @return the network
     */
    public static Network vgg11Bn(double widthMultiplier, int classes) {
        return vgg("vgg11-bn", List.of(3, 32, 32), VGG11, widthMultiplier, classes, false);
    }

    /**
     * VGG-16 with batch norm for 32×32×3 images.
     *
     * @param widthMultiplier scales every conv's filter count (1.0 for the standard network)
     * @param classes number of classes
     * @return the network
     */
    public static Network vgg16Bn(double widthMultiplier, int classes) {
        return vgg("vgg16-bn", List.of(3, 32, 32), VGG16, widthMultiplier, classes, false);
    }

    private static Network vgg(String name, List<Integer> inputShape, int[] config, double multiplier, int classes,
            boolean convBias) {
        List<Layer> layers = new ArrayList<>();
        String last = Network.INPUT;
        int conv = 0;
        int pool = 0;
        for (int filters : config) {
            if (filters == 0) {
                last = add(layers, "pool" + ++pool, new Op.MaxPool2d(2, 2), last);
            } else {
                conv++;
                int scaled = Math.max(1, (int) Math.round(filters * multiplier));
                last = add(layers, "conv" + conv, new Op.Conv2d(scaled, 3, 1, 1, convBias), last);
                last = add(layers, "bn" + conv, BN, last);
                last = add(layers, "relu" + conv, new Op.Relu(), last);
            }
        }
        last = add(layers, "flatten", new Op.Flatten(), last);
        add(layers, "fc", new Op.Linear(classes, true), last);
        Network network = new Network(name, inputShape, layers);
        network.shapes();
        return network;
    }

    /**
     * ResNet-20 for 32×32×3 images (He et al. 2016, CIFAR variant, projection shortcuts).
     *
     * @param classes number of classes
     * @return the network
     */
    public static Network resnet20(int classes) {
        return cifarResnet(20, classes);
    }

    /**
     * ResNet-56 for 32×32×3 images.
     *
     * @param classes number of classes
     * @return the network
     */
    public static Network resnet56(int classes) {
        return cifarResnet(56, classes);
    }

    /**
     * A CIFAR ResNet of depth 6n+2: a 16-filter stem, three stages of n basic blocks with 16, 32 and 64
     * filters (the first block of stages 2 and 3 halves the resolution, with a 1×1 conv + BN shortcut),
     * global average pooling and a linear classifier.
     *
     * @param depth 6n+2, e.g. 20, 32, 44, 56, 110
     * @param classes number of classes
     * @return the network
     */
    public static Network cifarResnet(int depth, int classes) {
        return cifarResnet(depth, List.of(3, 32, 32), classes);
    }

    /**
     * A CIFAR ResNet of depth 6n+2 for images of any shape (e.g. 1×28×28 with depth 14: two blocks per
     * stage); global average pooling makes the head independent of the resolution.
     *
     * @param depth 6n+2
     * @param inputShape [channels, height, width]
     * @param classes number of classes
     * @return the network
     * @throws IllegalArgumentException if the depth is not 6n+2
     * @throws InvalidNetworkException naming the layer if the input is too small for the two halvings
     */
    public static Network cifarResnet(int depth, List<Integer> inputShape, int classes) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("a CIFAR ResNet has depth 6n+2 (20, 32, 56, ...), not " + depth);
        }
        int blocks = (depth - 2) / 6;
        List<Layer> layers = new ArrayList<>();
        String last = add(layers, "stem.conv", new Op.Conv2d(16, 3, 1, 1, false), Network.INPUT);
        last = add(layers, "stem.bn", BN, last);
        last = add(layers, "stem.relu", new Op.Relu(), last);
        int width = 16;
        for (int stage = 1; stage <= 3; stage++) {
            int filters = 16 << (stage - 1);
            for (int block = 1; block <= blocks; block++) {
                String p = "s" + stage + ".b" + block + ".";
                int stride = stage > 1 && block == 1 ? 2 : 1;
                String x = last;
                String h = add(layers, p + "conv1", new Op.Conv2d(filters, 3, stride, 1, false), x);
                h = add(layers, p + "bn1", BN, h);
                h = add(layers, p + "relu1", new Op.Relu(), h);
                h = add(layers, p + "conv2", new Op.Conv2d(filters, 3, 1, 1, false), h);
                h = add(layers, p + "bn2", BN, h);
                String shortcut = x;
                if (stride != 1 || width != filters) {
                    shortcut = add(layers, p + "down.conv", new Op.Conv2d(filters, 1, stride, 0, false), x);
                    shortcut = add(layers, p + "down.bn", BN, shortcut);
                }
                layers.add(new Layer(p + "add", new Op.Add(), List.of(h, shortcut)));
                last = add(layers, p + "relu2", new Op.Relu(), p + "add");
                width = filters;
            }
        }
        last = add(layers, "pool", new Op.GlobalAvgPool(), last);
        last = add(layers, "flatten", new Op.Flatten(), last);
        add(layers, "fc", new Op.Linear(classes, true), last);
        Network network = new Network("resnet" + depth, inputShape, layers);
        network.shapes();
        return network;
    }

    private static String add(List<Layer> layers, String id, Op op, String input) {
        layers.add(Layer.of(id, op, input));
        return id;
    }
}
