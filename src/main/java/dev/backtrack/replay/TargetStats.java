package dev.backtrack.replay;

/**
 * What was written to one target partition: record count, first and last offset (null when nothing was
 * written) and the checksum figures of {@link RecordChecksum}.
 */
public record TargetStats(long count, Long firstOffset, Long lastOffset, long rolling, long sum) {
    public static final TargetStats EMPTY = new TargetStats(0, null, null, 0, 0);

    TargetStats plus(long offset, long recordHash) {
        RecordChecksum c = new RecordChecksum(count, rolling, sum);
        c.add(recordHash);
        return new TargetStats(c.count(), firstOffset == null ? offset : firstOffset, offset, c.rolling(), c.sum());
    }

    public String rollingHex() {
        return String.format("%016x", rolling);
    }
}
