package org.prunelab.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * Answers the modal dialogs a command opens: the answer is queued before the command runs and acts from
 * the dialog's own event loop once a shell of the expected title is showing.
 */
final class Dialogs {

    private Dialogs() {
    }

    /**
     * Acts on the next visible shell with a title, when it appears (for up to 30 seconds).
     *
     * @param title the shell's title
     * @param answer what to do with it: type, then press a button
     * @return the texts of the shell's labels, filled when it was answered
     */
    static List<String> answer(String title, Consumer<Shell> answer) {
        Display display = Display.getCurrent();
        List<String> seen = new ArrayList<>();
        long end = System.currentTimeMillis() + 30_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell shell : display.getShells()) {
                if (shell.isVisible() && title.equals(shell.getText())) {
                    collect(shell, seen);
                    answer.accept(shell);
                    return;
                }
            }
            if (System.currentTimeMillis() < end) {
                display.timerExec(50, poll[0]);
            }
        };
        display.timerExec(50, poll[0]);
        return seen;
    }

    /**
     * Presses a shell's button, as a click does.
     *
     * @param shell the shell
     * @param label the button's text, without its mnemonic's '&amp;'
     */
    static void press(Shell shell, String label) {
        Button button = button(shell, label);
        if (button == null) {
            throw new IllegalStateException("no button '" + label + "' in " + shell.getText());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /**
     * Presses a shell's button as soon as it is enabled (a list that fills itself in the background
     * enables its dialog's OK once an element is selected).
     *
     * @param shell the shell
     * @param label the button's text, without its mnemonic's '&amp;'
     */
    static void pressWhenEnabled(Shell shell, String label) {
        Button button = button(shell, label);
        if (button == null) {
            throw new IllegalStateException("no button '" + label + "' in " + shell.getText());
        }
        long end = System.currentTimeMillis() + 10_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (button.isDisposed()) {
                return;
            }
            if (button.isEnabled() || System.currentTimeMillis() > end) {
                button.notifyListeners(SWT.Selection, new Event());
            } else {
                shell.getDisplay().timerExec(50, poll[0]);
            }
        };
        poll[0].run();
    }

    /**
     * A button of a shell.
     *
     * @param root where to look
     * @param label its text, without '&amp;'
     * @return the button, or null
     */
    static Button button(Control root, String label) {
        if (root instanceof Button b && b.getText().replace("&", "").equals(label)) {
            return b;
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Button found = button(child, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void collect(Control root, List<String> texts) {
        if (root instanceof Label label) {
            texts.add(label.getText());
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, texts);
            }
        }
    }
}
