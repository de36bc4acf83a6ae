package org.prunelab.ui.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.prunelab.core.versions.VersionStore;

/**
 * Watches a project's folder for what other processes write into it (the command line storing a version,
 * renaming or deleting one, changing {@code prunelab.json}) and refreshes the workspace's view of it, so
 * that the exploration tree and the Project Explorer show it within a second. The workspace would see
 * such changes only at the next manual refresh.
 * <p>
 * The project folder, its models folder, each model's folder and each version's folder are watched: a
 * version is published by renaming its finished folder into its model's.
 */
public final class ProjectWatcher implements AutoCloseable {

    /** Changes closer together than this are one refresh. */
    private static final long QUIET_MILLIS = 300;
    /** Project, models, a model, a version. */
    private static final int DEPTH = 3;

    private final IProject project;
    private final Path root;
    private final WatchService service;
    private final Thread thread;
    private final Job refresher;

    private ProjectWatcher(IProject project) throws IOException {
        this.project = project;
        this.root = project.getLocation().toFile().toPath();
        this.refresher = refresher();
        this.service = root.getFileSystem().newWatchService();
        try {
            register(root, 0);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        thread = new Thread(this::run, "PruneLab watcher of " + project.getName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching a project.
     *
     * @param project an open project
     * @return the watcher, to be closed when the project is no longer shown; null if the file system
     *         cannot be watched (then changes show at the next refresh)
     */
    public static ProjectWatcher watch(IProject project) {
        try {
            return new ProjectWatcher(project);
        } catch (IOException e) {
            ILog.of(ProjectWatcher.class).log(Status.warning("cannot watch " + project.getLocation()
                    + " for changes made outside the workbench: " + e.getMessage(), e));
            return null;
        }
    }

    /** Watches a folder at a depth below the project (0) and, down to versions, the folders in it. */
    private void register(Path dir, int depth) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        if (depth == DEPTH) {
            return;
        }
        if (depth == 0) {
            Path models = dir.resolve(VersionStore.MODELS);
            if (Files.isDirectory(models)) {
                register(models, 1);
            }
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                try {
                    register(child, depth + 1);
                } catch (NoSuchFileException e) {
                    // a draft renamed away meanwhile: its new name is registered when it appears
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean changed = drain(key);
                // the rest of a burst (a version's files, a rename) comes within moments: one refresh for all
                WatchKey next;
                while ((next = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(next);
                }
                if (changed) {
                    refresh();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the project is no longer shown
        }
    }

    /** Takes a key's events, watching new folders deep enough to matter; true if any concerns the project. */
    private boolean drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            changed = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                int depth = root.relativize(created).getNameCount();
                boolean watched = depth == 1 ? name.toString().equals(VersionStore.MODELS) : depth <= DEPTH;
                if (watched && Files.isDirectory(created)) {
                    try {
                        register(created, depth);
                    } catch (IOException e) {
                        // gone again (a draft renamed away): its new name is registered when it appears
                    }
                }
            }
        }
        key.reset();
        return changed;
    }

    private void refresh() {
        // one job: a refresh already waiting for the project (a long job holds it) is not queued twice
        refresher.schedule();
    }

    private Job refresher() {
        Job job = Job.create("Refreshing " + project.getName(), monitor -> {
            if (!project.isOpen()) {
                return;
            }
            try {
                project.refreshLocal(IResource.DEPTH_ONE, monitor);
                IFolder models = project.getFolder(VersionStore.MODELS);
                if (models.exists()) {
                    models.refreshLocal(IResource.DEPTH_INFINITE, monitor);
                }
            } catch (CoreException e) {
                ILog.of(ProjectWatcher.class).log(e.getStatus());
            }
        });
        job.setSystem(true);
        job.setRule(project);
        return job;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing only stops the thread
        }
    }
}
