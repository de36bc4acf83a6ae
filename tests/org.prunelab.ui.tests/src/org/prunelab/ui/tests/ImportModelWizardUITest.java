package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.ui.internal.wizards.ImportModelWizard;

/**
 * File &gt; Import &gt; PruneLab &gt; Model: a PyTorch-made ONNX file and PyTorch weights into a project,
 * previewed, then imported by a job.
 */
class ImportModelWizardUITest {

    private TinyProject tiny;

    @BeforeEach
    void makeTheProject() throws Exception {
        tiny = TinyProject.create("import-model");
    }

    @AfterEach
    void deleteTheProject() throws Exception {
        tiny.close();
    }

    private static Path torch(String file) {
        return TinyProject.subset().getParent().resolve("torch").resolve(file);
    }

    @Test
    void theWizardIsAnImportWizard() {
        IWizardDescriptor descriptor = PlatformUI.getWorkbench().getImportWizardRegistry()
                .findWizard(ImportModelWizard.ID);
        assertNotNull(descriptor);
        assertEquals("Model (ONNX or PyTorch)", descriptor.getLabel());
    }

    @Test
    void anOnnxFileIsPreviewedThenImported() throws Exception {
        ImportModelWizard wizard = new ImportModelWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(tiny.project()));
        FinishingDialog dialog = new FinishingDialog(wizard);
        dialog.open();
        try {
            // PyTorch weights need an architecture; a preview comes before Finish
            wizard.page().fill(torch("vgg-bias-state-dict.pt").toString(), "", "weights");
            UiEvents.flush();
            assertFalse(wizard.canFinish());
            assertTrue(String.valueOf(wizard.page().getMessage()).contains("give its architecture"),
                    wizard.page().getMessage());
            wizard.page().fill(torch("vgg-bias-state-dict.pt").toString(), "small-vgg:4,4,8,8", "weights");
            wizard.page().read();
            assertFalse(wizard.canFinish(), "without +bias the file does not fit");
            assertTrue(wizard.page().getErrorMessage().contains("has no place in layer"),
                    wizard.page().getErrorMessage());

            wizard.page().fill(torch("resnet14.onnx").toString(), "", "");
            wizard.page().read();
            UiEvents.flush();
            assertNotNull(wizard.page().preview(), String.valueOf(wizard.page().getErrorMessage()));
            assertEquals("resnet14", wizard.page().modelId(), "the model is named after the file");
            assertTrue(wizard.page().summary().startsWith("ONNX from resnet14.onnx: "), wizard.page().summary());
            assertEquals(List.of(1, 28, 28), wizard.page().preview().network().inputShape());
            assertTrue(wizard.canFinish(), String.valueOf(wizard.page().getErrorMessage()));
            dialog.finish();
        } finally {
            dialog.close();
        }
        FinishingDialog.joinSucceeded(wizard.job());
        ModelVersion imported = new VersionStore(tiny.folder()).version("resnet14", "base");
        assertEquals("imported", imported.recipe().kind());
        assertEquals(ModelFiles.network(imported.directory()).layers().size(),
                wizard.page().preview().network().layers().size());
    }
}
