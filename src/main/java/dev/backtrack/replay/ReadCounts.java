package dev.backtrack.replay;

import java.util.Map;
import java.util.TreeMap;

/** Records read and matching the filter per source partition, in this run (counted per record: no boxing). */
final class ReadCounts {
    final Map<Integer, long[]> read = new TreeMap<>();
    final Map<Integer, long[]> matched = new TreeMap<>();
    private int lastPartition = -1;
    private long[] lastRead;
    private long[] lastMatched;

    void read(int partition) {
        at(partition);
        lastRead[0]++;
    }

    void matched(int partition) {
        at(partition);
        lastMatched[0]++;
    }

    private void at(int partition) {
        if (partition != lastPartition) {
            lastRead = read.computeIfAbsent(partition, p -> new long[1]);
            lastMatched = matched.computeIfAbsent(partition, p -> new long[1]);
            lastPartition = partition;
        }
    }

    long readIn(int partition) {
        long[] n = read.get(partition);
        return n == null ? 0 : n[0];
    }

    long matchedIn(int partition) {
        long[] n = matched.get(partition);
        return n == null ? 0 : n[0];
    }

    long totalRead() {
        return read.values().stream().mapToLong(n -> n[0]).sum();
    }

    long totalMatched() {
        return matched.values().stream().mapToLong(n -> n[0]).sum();
    }
}
