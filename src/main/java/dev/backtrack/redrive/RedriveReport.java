package dev.backtrack.redrive;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a redrive (or of its dry run). Counts: {@code selected} dead letters matched the selection;
 * of those {@code sent} were handed to the producer ({@code dryRun}: would be sent) and {@code landed} were
 * read back from the target; {@code skippedAlreadySent} per the journal; {@code skippedOverMax} at the redrive
 * maximum; {@code failed} = refused before sending (edit invalid, no target, bad partition or timestamp) plus
 * rejected by the broker. {@code problems} lists every skip and failure (up to a bound) with its reason;
 * {@code previews} shows the first edits as diffs.
 */
public record RedriveReport(String dltTopic, String selection, boolean dryRun, long scanned, long selected, long sent,
                            long landed, long skippedAlreadySent, long skippedOverMax, long failed, List<Item> problems,
                            long problemsNotListed, List<Preview> previews, String checksum, long durationMillis,
                            double recordsPerSecond, boolean cancelled, Path journal) {
    public RedriveReport {
        problems = List.copyOf(problems);
        previews = List.copyOf(previews);
    }

    /** One dead letter that was skipped or failed, and why. */
    public record Item(int partition, long offset, String outcome, String reason) {
    }

    /** What an edit does to one dead letter: where it goes and the change, path by path. */
    public record Preview(int partition, long offset, String targetTopic, Integer targetPartition,
                          List<StructuralDiff.Change> changes, String valueFormat) {
        public Preview {
            changes = List.copyOf(changes);
        }
    }
}
