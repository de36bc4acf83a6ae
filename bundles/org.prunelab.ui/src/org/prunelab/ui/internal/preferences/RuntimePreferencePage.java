package org.prunelab.ui.internal.preferences;

import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.prunelab.runtime.RuntimeSettings;

/**
 * Window &gt; Preferences &gt; Model Runtime: where libtorch's natives are extracted and how many threads
 * it uses. The runtime reads both when it starts.
 */
public final class RuntimePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    /** The most threads the page accepts: far above any workstation's core count. */
    static final int MAX_THREADS = 512;

    /** Creates the page, backed by the runtime's preference node of the workspace. */
    public RuntimePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, RuntimeSettings.PREFERENCE_NODE));
        setDescription("Settings of the DJL / PyTorch model runtime. Changes take effect when PruneLab restarts.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is set in the constructor
    }

    @Override
    protected void createFieldEditors() {
        Composite parent = getFieldEditorParent();
        addField(new DirectoryFieldEditor(RuntimeSettings.NATIVE_CACHE_KEY, "&Native library cache:", parent));
        Label hint = new Label(parent, SWT.WRAP);
        hint.setText("Empty: " + Path.of(System.getProperty("user.home"), RuntimeSettings.DEFAULT_NATIVE_CACHE)
                + ". libtorch (about 450 MB) is extracted there once.");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(hint);

        IntegerFieldEditor threads = new IntegerFieldEditor(RuntimeSettings.THREADS_KEY, "&Threads:", parent);
        threads.setValidRange(0, MAX_THREADS);
        threads.setErrorMessage("Threads must be a whole number from 0 to " + MAX_THREADS);
        addField(threads);
        Label threadsHint = new Label(parent, SWT.WRAP);
        threadsHint.setText("0: one per core (" + Runtime.getRuntime().availableProcessors() + " here).");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(threadsHint);
    }
}
