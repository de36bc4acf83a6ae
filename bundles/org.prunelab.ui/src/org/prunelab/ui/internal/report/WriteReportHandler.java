package org.prunelab.ui.internal.report;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.project.PruneLabProjects;
import org.prunelab.core.report.ProjectReport;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;

/**
 * Write Report…: the project's report (one HTML page with its figures, the PNGs and CSVs beside it) in a
 * folder named after the project inside a place the user chooses, written in a job; when it is done the
 * page can be opened in the system's browser.
 */
public final class WriteReportHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IProject project = Adapters.adapt(HandlerUtil.getCurrentStructuredSelection(event).getFirstElement(),
                IProject.class);
        if (project == null && HandlerUtil.getActivePart(event) instanceof ExplorationTreeView tree) {
            project = tree.project();
        }
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        if (project == null || !PruneLabProjects.isPruneLabProject(project)) {
            MessageDialog.openInformation(shell, "Write Report", "Select a PruneLab project first.");
            return null;
        }
        DirectoryDialog place = new DirectoryDialog(shell, SWT.SAVE);
        place.setText("Write the report of " + project.getName());
        place.setMessage("The report goes into a folder '" + ProjectReport.folderName(project.getName())
                + "' in the folder you choose; an earlier report there is replaced.");
        place.setFilterPath(project.getLocation().toOSString());
        String chosen = place.open();
        if (chosen == null) {
            return null;
        }
        Path folder = Path.of(chosen).resolve(ProjectReport.folderName(project.getName()));
        VersionJob job = job(project.getLocation().toPath(), folder);
        Display display = shell.getDisplay();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent done) {
                if (job.problem().isPresent()) {
                    return;
                }
                Path page = folder.resolve(ProjectReport.PAGE);
                display.asyncExec(() -> {
                    if (!display.isDisposed() && MessageDialog.open(MessageDialog.INFORMATION,
                            display.getActiveShell(), "Report Written", "The report is in " + folder
                                    + ": " + ProjectReport.PAGE + " holds everything it shows; the PNG and CSV "
                                    + "files beside it are its figures and tables.", SWT.NONE, "Open in &Browser",
                            "Close") == 0) {
                        Program.launch(page.toUri().toString());
                    }
                });
            }
        });
        job.schedule();
        return null;
    }

    /**
     * The job that writes a project's report; its page is {@code folder/}{@value ProjectReport#PAGE}.
     *
     * @param projectDir the project's folder
     * @param folder the report's folder
     * @return the job, not yet scheduled
     */
    public static VersionJob job(Path projectDir, Path folder) {
        ProjectReport report = new ProjectReport(new ProjectReport.Registries(
                Services.find(MetricRegistry.class).orElseThrow(), Services.find(StrategyRegistry.class).orElseThrow(),
                Services.find(AnalysisRegistry.class).orElseThrow()));
        return VersionJob.create("Writing the report of " + projectDir.getFileName(), projectDir, false, monitor -> {
            report.write(projectDir, folder, monitor);
            refreshInWorkspace(folder);
        });
    }

    /** A report written inside a workspace project shows in the Project Explorer. */
    private static void refreshInWorkspace(Path folder) throws CoreException {
        for (IContainer container : ResourcesPlugin.getWorkspace().getRoot()
                .findContainersForLocationURI(folder.getParent().toUri())) {
            container.refreshLocal(IResource.DEPTH_INFINITE, null);
        }
    }
}
