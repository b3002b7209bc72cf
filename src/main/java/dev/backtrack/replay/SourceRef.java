package dev.backtrack.replay;

/**
 * Where an outgoing record came from: the source cluster (id or connection name), topic, partition,
 * offset and original timestamp. Used for provenance headers, failure reports, checkpoints and the
 * "original pacing" clock.
 */
public record SourceRef(String cluster, String topic, int partition, long offset, long timestamp) {
    /** {@code cluster/topic/partition/offset}, the value of the provenance header. */
    public String coordinates() {
        return cluster + "/" + topic + "/" + partition + "/" + offset;
    }
}
