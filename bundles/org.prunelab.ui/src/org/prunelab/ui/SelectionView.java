package org.prunelab.ui;

import java.util.function.BiConsumer;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.ui.part.ViewPart;
import org.prunelab.core.versions.ModelVersion;

/**
 * A PruneLab view that publishes what the user picks in it (a version, a layer, a class pair) through the
 * workbench's selection service, so that every other view can follow. Subclasses say what is selected
 * ({@link #getSelection()}) and call {@link #fireSelectionChanged()} when it changes.
 */
public abstract class SelectionView extends ViewPart implements ISelectionProvider {

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();

    /**
     * Tells the listeners (the selection service among them) that the selection changed.
     */
    protected final void fireSelectionChanged() {
        SelectionChangedEvent event = new SelectionChangedEvent(this, getSelection());
        for (ISelectionChangedListener listener : listeners) {
            listener.selectionChanged(event);
        }
    }

    @Override
    public final void addSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void removeSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.remove(listener);
    }

    /**
     * Reads the version, and the layer if there is one, of what another view selected: a version, a
     * {@link SelectedLayer}, or anything adapting to them.
     *
     * @param selection the other view's selection
     * @param show called with the version and the layer's name, or null for a whole version; not called
     *            when the selection holds neither
     */
    protected static void versionOrLayer(ISelection selection, BiConsumer<ModelVersion, String> show) {
        if (!(selection instanceof IStructuredSelection structured) || structured.isEmpty()) {
            return;
        }
        Object first = structured.getFirstElement();
        SelectedLayer layer = Adapters.adapt(first, SelectedLayer.class);
        if (layer != null) {
            show.accept(layer.version(), layer.layer());
            return;
        }
        ModelVersion version = Adapters.adapt(first, ModelVersion.class);
        if (version != null) {
            show.accept(version, null);
        }
    }
}
