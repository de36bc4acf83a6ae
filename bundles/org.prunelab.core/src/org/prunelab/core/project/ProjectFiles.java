package org.prunelab.core.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Durable, atomic writes of project files: the content is written beside its target, forced to disk, then
 * renamed over it, and the folder is forced too, so that after a crash or a power cut a reader finds either
 * the old file or the new one, never a torn or empty one.
 */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /**
     * Reads a project file as UTF-8 text.
     *
     * @param file the file
     * @return its content
     * @throws java.nio.file.NoSuchFileException if it is missing
     * @throws IOException naming the file if it cannot be read or is not UTF-8 (a damaged file)
     */
    public static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // the decoder's own message is "Input length = 1"
            throw new IOException(file + ": not UTF-8 text, the file is damaged", e);
        }
    }

    /**
     * Replaces a file's content atomically.
     *
     * @param target the file
     * @param text its new content (UTF-8)
     * @throws IOException if writing fails; the old content is kept then
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".writing-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            force(temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes a folder and everything in it; nothing happens if it is not there.
     *
     * @param root a folder
     * @throws IOException if something in it cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Copies a folder and everything in it, with the files' times.
     *
     * @param from the folder
     * @param to where the copy goes; its parent exists, it does not
     * @throws IOException if something cannot be copied
     */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path file : all.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Forces every file under a folder, and the folders themselves, to disk: done before the rename that
     * publishes the folder.
     *
     * @param root a folder
     * @throws IOException if a file cannot be forced
     */
    public static void forceTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                force(p);
            }
        }
        for (Path p : all) {
            if (Files.isDirectory(p)) {
                forceDirectory(p);
            }
        }
    }

    /**
     * Forces a folder's entries (names created or renamed in it) to disk.
     *
     * @param dir the folder
     * @throws IOException if it cannot be opened
     */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open folders for reading; their renames are as durable as they get
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
