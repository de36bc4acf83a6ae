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

    /** The test bundle's data folder: committed datasets, PyTorch fixtures and fuzzing seeds. */
    static Path dataDir() {
        return Path.of(System.getProperty("prunelab.test.data", "data"));
    }

    static Path fashionDir() {
        return dataDir().resolve("fashion-mnist-subset");
    }

    static ArrayDataset fashionTrain() {
        return FashionMnist.train(fashionDir());
    }

    static ArrayDataset fashionTest() {
        return FashionMnist.test(fashionDir());
    }
}
