package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;
import org.prunelab.core.report.ProjectReport;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.report.WriteReportHandler;

/**
 * Write Report… on a copy of the demo: the page and its files are written in a job, and a report written
 * inside the project shows in the workspace without a manual refresh.
 */
class ProjectReportUITest {

    @Test
    void theReportOfTheDemoIsWrittenInAJobAndShowsInTheProject() throws Exception {
        try (DemoCopy copy = DemoCopy.of("report-study", List.of("base", "v1", "v2"))) {
            Path folder = copy.folder().resolve(ProjectReport.folderName("fashion-mnist"));
            VersionJob job = WriteReportHandler.job(copy.folder(), folder);
            job.schedule();
            assertTrue(UiEvents.waitUntil(() -> job.getResult() != null, 60_000), "the report was written");
            assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
            String html = Files.readString(folder.resolve(ProjectReport.PAGE));
            List<String> versions = Files.readAllLines(folder.resolve("versions.csv"));
            assertEquals(4, versions.size(), versions.toString());
            // the stored accuracy of v2, as the page shows it
            double accuracy = new VersionStore(copy.folder()).version("small-vgg", "v2").evaluation().accuracy();
            assertTrue(html.contains(String.format(Locale.ROOT, "%.2f %%", 100 * accuracy)), html);
            IFolder inWorkspace = copy.project().getFolder(folder.getFileName().toString());
            assertTrue(UiEvents.waitUntil(() -> inWorkspace.getFile(ProjectReport.PAGE).exists(), 10_000),
                    "the report's folder is in the workspace");
        }
    }
}
