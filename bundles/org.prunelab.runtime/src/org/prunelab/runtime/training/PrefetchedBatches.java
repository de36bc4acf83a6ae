package org.prunelab.runtime.training;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.OperationCanceledException;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The batches of {@link Batches#inOrder}, with the pixels of the next batch read and normalised on a
 * thread of their own while the current one is evaluated: reading may be costly (a corrupted set
 * corrupts each image as it is read) and would otherwise wait for the network, and the network for it.
 * The pixels are the same as {@code Batches}' to the bit. One batch is prepared at a time, each after the
 * previous one was handed over, so the dataset is still read by one thread at a time; only the arrays are
 * made on the caller's thread.
 */
final class PrefetchedBatches implements AutoCloseable {

    /** One batch's values, before they become arrays. */
    private record Prepared(int[] indices, float[] pixels, int[] labels) {
    }

    private final Dataset dataset;
    private final int batchSize;
    private final Normalization normalization;
    private final List<Integer> shape;
    private final ExecutorService worker;
    private Future<Prepared> next;
    private int start;

    PrefetchedBatches(Dataset dataset, int batchSize, Normalization normalization) {
        // the record checks the batch size and the normalisation's channels as for any evaluation
        Batches.inOrder(dataset, batchSize, normalization);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.normalization = normalization;
        this.shape = dataset.imageShape();
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "PruneLab batch preparation");
            thread.setDaemon(true);
            return thread;
        });
        schedule();
    }

    boolean hasNext() {
        return next != null;
    }

    /**
     * The next batch, in a new sub-manager of {@code parent}; the one after it is started at once.
     *
     * @throws RuntimeException what reading the dataset threw, as it was thrown
     */
    Batch next(NDManager parent) {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Prepared prepared = await(next);
        schedule();
        NDManager manager = parent.newSubManager();
        return new Batch(manager,
                manager.create(prepared.pixels(),
                        new Shape(prepared.indices().length, shape.get(0), shape.get(1), shape.get(2))),
                manager.create(prepared.labels()), prepared.indices());
    }

    private void schedule() {
        int from = start;
        int count = Math.min(batchSize, dataset.size() - from);
        if (count <= 0) {
            next = null;
            return;
        }
        start += count;
        next = worker.submit(() -> prepare(from, count));
    }

    /** What {@link Batches#iterator} does for one batch in order, without augmentation. */
    private Prepared prepare(int from, int count) {
        int size = dataset.imageSize();
        int plane = shape.get(1) * shape.get(2);
        int[] indices = new int[count];
        float[] pixels = new float[count * size];
        int[] labels = new int[count];
        for (int b = 0; b < count; b++) {
            int index = from + b;
            indices[b] = index;
            labels[b] = dataset.label(index);
            dataset.pixels(index, pixels, b * size);
            normalization.apply(pixels, b * size, plane);
        }
        return new Prepared(indices, pixels, labels);
    }

    private static Prepared await(Future<Prepared> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException("interrupted while reading the next batch");
        }
    }

    /** Waits for a batch still being read, without interrupting it: a dataset may read files. */
    @Override
    public void close() {
        worker.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (worker.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
