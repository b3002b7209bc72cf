package dev.backtrack.cli;

import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendProgress;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * A sending job's progress on stderr: on a terminal one line rewritten in place each second; in a pipe or a log a
 * plain line every few seconds, so the log stays readable. Each step after sending ({@link JobStep}) gets a line of
 * its own. Call {@link #end} when the job is over, so what follows starts on a fresh line.
 */
final class ProgressPrinter implements SendListener {
    private static final long TERMINAL_EVERY_NANOS = 1_000_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final Function<SendProgress, String> text;
    private final boolean terminal;
    private long lastNanos;
    private boolean printedAny;
    private boolean lineOpen;

    ProgressPrinter(PrintWriter err, Function<SendProgress, String> text, boolean terminal) {
        this.err = err;
        this.text = text;
        this.terminal = terminal;
    }

    /** For stderr as this process has it: a terminal, or not. */
    static ProgressPrinter forStderr(PrintWriter err, Function<SendProgress, String> text) {
        return new ProgressPrinter(err, text, System.console() != null && System.console().isTerminal());
    }

    @Override
    public synchronized void onProgress(SendProgress p) {
        long now = System.nanoTime();
        if (printedAny && now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        printedAny = true;
        lastNanos = now;
        if (terminal) {
            err.print("\r" + text.apply(p) + "   ");
            lineOpen = true;
        } else {
            err.println(text.apply(p));
        }
        err.flush();
    }

    @Override
    public synchronized void onStep(JobStep step) {
        end();
        err.println(step.description() + "…");
        err.flush();
    }

    /** Ends a line still being rewritten, if any. */
    synchronized void end() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }
}
