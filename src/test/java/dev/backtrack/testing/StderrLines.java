package dev.backtrack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.replay.JobStep;
import java.util.Arrays;
import java.util.List;

/** What a CLI command wrote on stderr, told apart: its progress and step lines, and its messages. */
public final class StderrLines {
    private StderrLines() {
    }

    /**
     * The one message line of {@code err} ("backtrack: …"), asserting that every other line is a progress line
     * ("sent …", "redrive: sent …", or a terminal's {@code \r}-refreshed one) or a job step (see {@link JobStep}).
     */
    public static String oneMessage(String err) {
        List<String> lines = Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
        List<String> messages = lines.stream().filter(l -> !isProgress(l)).toList();
        assertThat(messages).as("stderr: %s", err).hasSize(1);
        return messages.getFirst();
    }

    private static boolean isProgress(String line) {
        return line.startsWith("\r") || line.startsWith("sent ") || line.startsWith("redrive: sent ")
                || Arrays.stream(JobStep.values()).anyMatch(step -> line.equals(step.description() + "…"));
    }
}
