package org.prunelab.core.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock every change of a project's files is made under: read, modify and write back while no other
 * writer, in this process or another (the command line beside the workbench, two command lines), can.
 * <p>
 * Across processes it is an exclusive {@link FileChannel#lock() file lock} on {@value #FILE_NAME} in the
 * project folder; within a process, where file locks do not exclude (the JVM holds them for all its
 * threads), a reentrant lock per folder. It is held for short steps only (a descriptor update, the rename
 * that publishes a version), never while a model trains, so waiting for it is short; a writer that does
 * not get it within {@link #TIMEOUT} fails with a message naming the project instead of hanging.
 */
public final class ProjectLock implements AutoCloseable {

    /** The lock file, in the project folder. */
    public static final String FILE_NAME = ".prunelab.lock";

    /** How long a writer waits for the lock before giving up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Map<Path, Holder> HOLDERS = new ConcurrentHashMap<>();

    /** The in-process lock of one folder and the file lock its outermost holder took. */
    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;
    }

    private final Holder holder;
    private boolean released;

    private ProjectLock(Holder holder) {
        this.holder = holder;
    }

    /**
     * Waits for the lock of a project folder; the same thread may take it again while it holds it.
     *
     * @param projectDir the project folder
     * @return the held lock, to be closed
     * @throws IOException if the lock file cannot be opened, or another writer holds the lock longer than
     *             {@link #TIMEOUT}
     */
    public static ProjectLock acquire(Path projectDir) throws IOException {
        Path key = projectDir.toAbsolutePath().normalize();
        Holder holder = HOLDERS.computeIfAbsent(key, k -> new Holder());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            if (!holder.lock.tryLock(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(key + " is being written by another job for over " + TIMEOUT.toSeconds()
                        + " s: try again when it is done");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write " + key, e);
        }
        if (holder.lock.getHoldCount() > 1) {
            return new ProjectLock(holder);
        }
        try {
            holder.channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            holder.fileLock = lockFile(holder.channel, key, deadline);
            return new ProjectLock(holder);
        } catch (IOException | RuntimeException e) {
            closeChannel(holder);
            holder.lock.unlock();
            throw e;
        }
    }

    private static FileLock lockFile(FileChannel channel, Path key, long deadline) throws IOException {
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // cannot happen while the in-process lock is held; treated as "busy" all the same
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(key + " is being written by another process for over " + TIMEOUT.toSeconds()
                        + " s (it holds " + key.resolve(FILE_NAME) + "): try again when it is done");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to write " + key, e);
            }
        }
    }

    /**
     * Runs a step under the lock of a project folder.
     *
     * @param <T> what the step returns
     * @param projectDir the project folder
     * @param step the step
     * @return the step's result
     * @throws IOException if the lock cannot be had or the step fails
     */
    public static <T> T under(Path projectDir, Step<T> step) throws IOException {
        try (ProjectLock lock = acquire(projectDir)) {
            return step.run();
        }
    }

    /**
     * A step that changes project files.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Step<T> {
        /**
         * Runs the step.
         *
         * @return its result
         * @throws IOException if it fails
         */
        T run() throws IOException;
    }

    /** Releases the lock (the file lock when the outermost holder releases it). */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        try {
            if (holder.lock.getHoldCount() == 1) {
                closeChannel(holder);
            }
        } finally {
            holder.lock.unlock();
        }
    }

    private static void closeChannel(Holder holder) throws IOException {
        FileChannel channel = holder.channel;
        holder.channel = null;
        holder.fileLock = null;
        if (channel != null) {
            channel.close(); // releases the file lock with it
        }
    }
}
