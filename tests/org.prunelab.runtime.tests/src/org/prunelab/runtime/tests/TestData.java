package org.prunelab.runtime.tests;

import java.nio.file.Path;

import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.FashionMnist;

/**
 * The committed Fashion-MNIST subset: 150 training and 50 test images per class.
 */
final class TestData {

    private TestData() {
    }

    static Path fashionDir() {
        return Path.of(System.getProperty("prunelab.test.data", "data")).resolve("fashion-mnist-subset");
    }

    static ArrayDataset fashionTrain() {
        return FashionMnist.train(fashionDir());
    }

    static ArrayDataset fashionTest() {
        return FashionMnist.test(fashionDir());
    }
}
