package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.replay.BatchCompression;
import dev.backtrack.replay.Delivery;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.Pace;
import dev.backtrack.replay.PartitionMapping;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.TimestampPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code replay} and {@code import} share: mapping, timestamps, headers, pace, delivery, checkpoint, verify. */
public final class ReplayOptions {
    @Option(names = "--partitions", paramLabel = "same|key|round-robin|fixed:N", description = "Target partition: same number (default), by key, round-robin, or one fixed partition.")
    String partitions = "same";

    @Option(names = "--timestamps", paramLabel = "keep|now|shift:ISO", description = "Keep original timestamps (default), use the send time, or shift so the range starts at ISO.")
    String timestamps = "keep";

    @Option(names = "--keep-header", paramLabel = "GLOB", description = "Keep only headers matching GLOB (repeatable; * and ? wildcards).")
    List<String> keepHeaders = new ArrayList<>();

    @Option(names = "--drop-header", paramLabel = "GLOB", description = "Drop headers matching GLOB (repeatable), e.g. traceparent.")
    List<String> dropHeaders = new ArrayList<>();

    @Option(names = "--drop-all-headers", description = "Drop every original header.")
    boolean dropAllHeaders;

    @Option(names = "--no-provenance", description = "Do not add the backtrack.replay.source / backtrack.replay.id headers (resume then cannot recognize records written after the last checkpoint).")
    boolean noProvenance;

    @Option(names = "--filter", paramLabel = "CEL", description = "Only records matching this CEL expression, e.g. value.status == 'FAILED'.")
    String filter;

    @Option(names = "--rate", paramLabel = "N", description = "At most N records per second.")
    Double rate;

    @Option(names = "--pace", paramLabel = "original[:xN]", description = "Replay with the recorded inter-arrival times, optionally N times faster (original:x10).")
    String pace;

    @Option(names = "--exactly-once", description = "Transactional delivery: read_committed readers see all of it or nothing (or each chunk, with --commit-every).")
    boolean exactlyOnce;

    @Option(names = "--commit-every", paramLabel = "N", description = "With --exactly-once: commit (and checkpoint) every ~N records instead of one transaction; otherwise: flush and checkpoint every ~N records (default 50000).")
    Long commitEvery;

    @Option(names = "--compression", paramLabel = "auto|none|gzip|snappy|lz4|zstd",
            description = "How the batches sent are compressed (the records are the same either way). auto (default): the target topic's "
                    + "codec when it names one, none when it is uncompressed, otherwise lz4 if a sample of the records compresses; a profile's "
                    + "compression.type property wins over auto.")
    String compression;

    @Option(names = "--dry-run", description = "Read and map everything and print what would happen; send nothing.")
    boolean dryRun;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a checkpoint file so the replay can be resumed with --resume FILE.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "Resume the replay recorded in this checkpoint file.")
    Path resume;

    @Option(names = "--verify", description = "Read the target back afterwards and compare checksums.")
    boolean verify;

    @Option(names = "--yes", description = "Start even when the pre-flight checks warn (required to write when not on a terminal).")
    boolean yes;

    /** Applies these options to a plan. */
    ReplayPlan apply(ReplayPlan plan) {
        if (checkpoint != null && resume != null) {
            throw new BacktrackException("use either --checkpoint FILE (new replay) or --resume FILE, not both");
        }
        if (resume != null && !Files.exists(resume)) {
            throw new BacktrackException("checkpoint file " + resume + " does not exist");
        }
        if (checkpoint != null && Files.exists(checkpoint)) {
            throw new BacktrackException("checkpoint file " + checkpoint + " already exists; resume it with --resume " + checkpoint);
        }
        if (rate != null && pace != null) {
            throw new BacktrackException("use either --rate or --pace, not both");
        }
        if (commitEvery != null && commitEvery <= 0) {
            throw new BacktrackException("--commit-every needs a positive number of records");
        }
        try {
            ReplayPlan out = plan.withMapping(PartitionMapping.parse(partitions))
                    .withTimestamps(TimestampPolicy.parse(timestamps))
                    .withHeaders(new HeaderPolicy(dropAllHeaders, keepHeaders, dropHeaders, !noProvenance))
                    .withFilter(filter)
                    .withPace(pace())
                    .withCheckpoint(resume != null ? resume : checkpoint)
                    .withVerify(verify)
                    .withCompression(BatchCompression.parse(compression));
            if (exactlyOnce) {
                return out.withExactlyOnce(commitEvery == null ? Delivery.SINGLE_TRANSACTION : commitEvery);
            }
            return commitEvery == null ? out : out.withCheckpointEvery(commitEvery);
        } catch (IllegalArgumentException e) {
            throw new BacktrackException(e.getMessage());
        }
    }

    private Pace pace() {
        if (rate != null) {
            return new Pace.RateLimit(rate);
        }
        if (pace == null) {
            return Pace.FAST;
        }
        String p = pace.trim().toLowerCase(java.util.Locale.ROOT);
        if (p.equals("original")) {
            return new Pace.Original(1);
        }
        if (p.startsWith("original:x")) {
            try {
                return new Pace.Original(Double.parseDouble(p.substring("original:x".length())));
            } catch (NumberFormatException e) {
                throw new BacktrackException("--pace original:xN needs a number, got '" + pace + "'");
            }
        }
        throw new BacktrackException("--pace must be original or original:xN, got '" + pace + "'");
    }

    /** A source range from browse-like options; at most one start and one end kind. */
    static ReplayRange range(Long from, Long to, String fromTime, String toTime, Long last) {
        if (last != null && (from != null || to != null || fromTime != null || toTime != null)) {
            throw new BacktrackException("--last cannot be combined with other range options");
        }
        if ((from != null || to != null) && (fromTime != null || toTime != null)) {
            throw new BacktrackException("use offsets or times for the range, not both");
        }
        try {
            if (last != null) {
                return new ReplayRange.LastN(last);
            }
            if (fromTime != null || toTime != null) {
                Instant f = fromTime == null ? null : BrowseCommand.parseTime(fromTime, "--from-time");
                Instant t = toTime == null ? null : BrowseCommand.parseTime(toTime, "--to-time");
                return new ReplayRange.TimeWindow(f, t);
            }
            if (from != null || to != null) {
                return new ReplayRange.Offsets(from, to);
            }
            return ReplayRange.ALL;
        } catch (IllegalArgumentException e) {
            throw new BacktrackException(e.getMessage());
        }
    }
}
