package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.SendProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's progress on stderr: rewritten in place on a terminal, plain lines in a log, steps on lines of their own. */
class ProgressPrinterTest {
    private static SendProgress sent(long n) {
        return new SendProgress(n, n, 0, n * 500, 2000.0, 5000L, java.time.Duration.ofSeconds(2), false, Map.of());
    }

    @Test
    void onATerminalOneLineIsRewrittenAndAStepStartsAFreshOne() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), ReplayCommand::progressText, true);
        printer.onProgress(sent(1000));
        printer.onProgress(sent(1200)); // within the second: not shown
        printer.onStep(JobStep.ACKNOWLEDGING);
        printer.onStep(JobStep.VERIFYING);
        printer.end();
        assertThat(out.toString()).isEqualTo("\rsent 1000/5000, 2000 records/s, ETA 2 s   " + System.lineSeparator()
                + "waiting for the target to acknowledge the records sent…" + System.lineSeparator()
                + "reading the target back to verify what was written…" + System.lineSeparator());
    }

    @Test
    void inALogEachShownProgressIsAPlainLineAndNothingIsLeftOpen() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), ReplayCommand::progressText, false);
        printer.onProgress(sent(1000));
        printer.onProgress(sent(1200)); // within five seconds: not shown
        printer.onStep(JobStep.ACKNOWLEDGING);
        printer.end();
        assertThat(out.toString().lines().toList()).containsExactly("sent 1000/5000, 2000 records/s, ETA 2 s",
                "waiting for the target to acknowledge the records sent…");
        assertThat(out.toString()).doesNotContain("\r");
    }
}
