package dev.backtrack.replay;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How a source record chooses its target partition. */
public sealed interface PartitionMapping {
    /** The source partition number (checked before starting: the target must have enough partitions). */
    record Same() implements PartitionMapping {
    }

    /**
     * Kafka's default partitioner on the key bytes: {@code toPositive(murmur2(key)) % partitions}; null keys
     * are spread round-robin (deterministically, so a resume continues the same way).
     */
    record ByKey() implements PartitionMapping {
    }

    /** Partitions 0, 1, 2, … in turn. */
    record RoundRobin() implements PartitionMapping {
    }

    /** Every record into one partition (checked: it must exist). */
    record Fixed(int partition) implements PartitionMapping {
        public Fixed {
            if (partition < 0) {
                throw new IllegalArgumentException("partition must be >= 0, was " + partition);
            }
        }
    }

    PartitionMapping SAME = new Same();
    PartitionMapping BY_KEY = new ByKey();
    PartitionMapping ROUND_ROBIN = new RoundRobin();

    /** Parses {@code same | key | round-robin | fixed:N}. */
    static PartitionMapping parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "same" -> SAME;
            case "key", "by-key" -> BY_KEY;
            case "round-robin", "roundrobin" -> ROUND_ROBIN;
            default -> {
                if (t.startsWith("fixed:")) {
                    try {
                        yield new Fixed(Integer.parseInt(t.substring(6)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("fixed:N needs a partition number, got '" + text + "'");
                    }
                }
                throw new IllegalArgumentException("partition mapping must be same, key, round-robin or fixed:N, got '" + text + "'");
            }
        };
    }

    /** The target partitions that records of these source partitions can go to. */
    static Set<Integer> targets(PartitionMapping mapping, Collection<Integer> sourcePartitions, int targetPartitions) {
        return switch (mapping) {
            case Same s -> Set.copyOf(sourcePartitions);
            case Fixed f -> Set.of(f.partition());
            case ByKey k -> all(targetPartitions);
            case RoundRobin r -> all(targetPartitions);
        };
    }

    private static Set<Integer> all(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
    }

    static String describe(PartitionMapping mapping) {
        return switch (mapping) {
            case Same s -> "same";
            case ByKey k -> "key";
            case RoundRobin r -> "round-robin";
            case Fixed f -> "fixed:" + f.partition();
        };
    }
}
