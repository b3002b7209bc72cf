package dev.backtrack.replay;

/** A partition of a target topic. */
public record TargetPartition(String topic, int partition) implements Comparable<TargetPartition> {
    @Override
    public int compareTo(TargetPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "/" + partition;
    }
}
