package dev.backtrack.replay;

/**
 * The producers' batch size for a replay. Fewer, larger batches cost the client and the broker less per record
 * (1 M × 500 B replay, 6 interleaved pairs: 1 MiB batches took 7.27 s, 1.0 s less client CPU and 0.8 s less broker
 * CPU than 256 KiB batches at 8.15 s), so a replay uses 1 MiB unless
 * <ul>
 *   <li>the target topic accepts less ({@code max.message.bytes}; a broker's default, 1 MiB + 12 B, takes 1 MiB), or</li>
 *   <li>its producers write so many partitions that a batch filling and one in flight for each would not fit in the
 *       producer's buffer: then it halves, down to the 256 KiB every other write uses.</li>
 * </ul>
 */
final class BatchSize {
    static final int LARGEST = 1024 * 1024;
    static final int USUAL = 256 * 1024;

    private BatchSize() {
    }

    /**
     * @param targetPartitions partitions of the target topic (all of them may be written)
     * @param producers        producers splitting those partitions between them
     * @param bufferBytes      each producer's {@code buffer.memory}
     * @param maxMessageBytes  the target topic's {@code max.message.bytes}; null when it is the broker's default
     */
    static int forReplay(int targetPartitions, int producers, long bufferBytes, Integer maxMessageBytes) {
        if (targetPartitions < 1 || producers < 1 || bufferBytes < 1) {
            throw new IllegalArgumentException("partitions, producers and buffer must be positive");
        }
        long partitionsPerProducer = (targetPartitions + producers - 1) / producers;
        int size = LARGEST;
        while (size > USUAL && 2 * size * partitionsPerProducer > bufferBytes) {
            size /= 2;
        }
        return maxMessageBytes == null ? size : Math.min(size, Math.max(1, maxMessageBytes));
    }
}
