package org.prunelab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Widget;
import org.prunelab.core.versions.ModelVersion;

/**
 * Tells a view that the version it shows is gone, so that it drops it rather than go on showing what no
 * longer exists: the version's folder left the workspace (Delete in the exploration tree, the Project
 * Explorer, or a refresh after the command line deleted it), or its project is being closed or deleted.
 */
public final class DeletedVersions {

    private DeletedVersions() {
    }

    /**
     * Watches the workspace for as long as a widget lives.
     *
     * @param owner the view's widget; the watch ends when it is disposed
     * @param shown the version the view shows or is reading, or null; asked on the UI thread
     * @param drop makes the view show nothing; called on the UI thread, with the gone version
     */
    public static void watch(Widget owner, Supplier<ModelVersion> shown, Consumer<ModelVersion> drop) {
        IResourceChangeListener listener = event -> {
            List<Path> gone = gone(event);
            if (gone.isEmpty()) {
                return;
            }
            ViewJobs.asyncExec(owner, () -> {
                ModelVersion version = shown.get();
                if (version != null && isBelowAny(version.directory(), gone)) {
                    drop.accept(version);
                }
            });
        };
        ResourcesPlugin.getWorkspace().addResourceChangeListener(listener,
                IResourceChangeEvent.POST_CHANGE | IResourceChangeEvent.PRE_CLOSE | IResourceChangeEvent.PRE_DELETE);
        owner.addListener(SWT.Dispose, e -> ResourcesPlugin.getWorkspace().removeResourceChangeListener(listener));
    }

    /** The folders that went: a closing or deleted project's, or those a change removed. */
    private static List<Path> gone(IResourceChangeEvent event) {
        List<Path> gone = new ArrayList<>();
        if (event.getType() != IResourceChangeEvent.POST_CHANGE) {
            add(event.getResource(), gone);
            return gone;
        }
        if (event.getDelta() == null) {
            return gone;
        }
        try {
            event.getDelta().accept(delta -> {
                if (delta.getKind() == IResourceDelta.REMOVED && delta.getResource().getType() != IResource.FILE) {
                    add(delta.getResource(), gone);
                    // what was below it went with it
                    return false;
                }
                return true;
            });
        } catch (CoreException e) {
            // the visitor throws nothing
        }
        return gone;
    }

    private static void add(IResource resource, List<Path> gone) {
        if (resource != null && resource.getLocation() != null) {
            gone.add(resource.getLocation().toFile().toPath().toAbsolutePath().normalize());
        }
    }

    private static boolean isBelowAny(Path directory, List<Path> gone) {
        Path dir = directory.toAbsolutePath().normalize();
        return gone.stream().anyMatch(dir::startsWith);
    }
}
