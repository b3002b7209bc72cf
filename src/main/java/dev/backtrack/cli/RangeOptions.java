package dev.backtrack.cli;

import dev.backtrack.replay.ReplayRange;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The source range shared by {@code export} and {@code replay}: partitions, first offset or time, end time,
 * last N. The end offset stays with each command because its name differs ({@code replay} uses {@code --to}
 * for the target topic).
 */
public final class RangeOptions {
    @Option(names = {"-p", "--partition"}, split = ",", paramLabel = "P", description = "Partitions to read (default: all).")
    List<Integer> partitions = List.of();

    @Option(names = "--from", paramLabel = "OFFSET", description = "First offset (in each chosen partition).")
    Long from;

    @Option(names = "--from-time", paramLabel = "ISO", description = "First record at or after this time.")
    String fromTime;

    @Option(names = "--to-time", paramLabel = "ISO", description = "Stop before the first record at or after this time (exclusive).")
    String toTime;

    @Option(names = "--last", paramLabel = "N", description = "The last N records of each chosen partition.")
    Long last;

    List<Integer> partitions() {
        return partitions;
    }

    /** The range these options describe, ending before {@code endOffset} when given. */
    ReplayRange range(Long endOffset) {
        return ReplayOptions.range(from, endOffset, fromTime, toTime, last);
    }
}
