package org.prunelab.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.ui.INewWizard;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.VersionJob;

/**
 * New Model (File &gt; New &gt; PruneLab &gt; Model, and a project's context menu): an architecture
 * trained from scratch on the project's dataset, in a job with progress and cancel whose curves the
 * Training view draws as it goes; its base version roots a new lineage of the exploration tree.
 */
public final class NewModelWizard extends ProjectWizard<NewModelPage> implements INewWizard {

    /** The wizard id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.wizards.newModel";

    /** Creates the wizard; the workbench calls {@link #init} before showing it. */
    public NewModelWizard() {
        super("New Model");
    }

    @Override
    NewModelPage createPage(IProject project) {
        return new NewModelPage(project);
    }

    @Override
    public boolean performFinish() {
        Path dir = page().projectDirectory();
        String model = page().modelId();
        String arch = page().architecture();
        Network network = page().network();
        TrainingSettings settings = page().settings();
        start(VersionJob.training("Training model " + model + " (" + arch + ", " + settings.epochs() + " epochs)", dir,
                model, PruningService.ROOT, settings.epochs(), (listener, monitor) -> PruningService.trainRoot(
                        new VersionStore(dir), model, network, arch, VersionJob.dataset(dir), settings, listener,
                        VersionJob.runtime(), monitor)));
        return true;
    }
}
