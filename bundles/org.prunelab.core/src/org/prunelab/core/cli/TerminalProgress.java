package org.prunelab.core.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * A progress bar on the terminal (standard error), redrawn at most every 200 ms.
 */
final class TerminalProgress extends NullProgressMonitor {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String task = "";
    private String subTask = "";
    private double total = 1;
    private double done;
    private long lastDraw;

    TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        task = name == null ? "" : name;
        total = Math.max(1, totalWork);
        done = 0;
        draw(true);
    }

    @Override
    public void setTaskName(String name) {
        task = name == null ? "" : name;
    }

    @Override
    public void subTask(String name) {
        subTask = name == null ? "" : name;
        draw(false);
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public void internalWorked(double work) {
        done += work;
        draw(false);
    }

    @Override
    public void done() {
        done = total;
        draw(true);
        out.println();
    }

    private void draw(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastDraw < 200) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1, done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        out.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %s %s\u001b[K", "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, task, subTask);
        out.flush();
    }
}
