package dev.backtrack.redrive;

/**
 * Where a dead letter originally came from, as one set of headers states it. Any field may be null when
 * its header is absent or malformed (the malformed bytes are then in {@link DeadLetter#problems()}).
 * {@code timestampType} is Kafka's text form ("CreateTime", "LogAppendTime", "NoTimestampType").
 */
public record Origin(String topic, Integer partition, Long offset, Long timestamp, String timestampType,
                     String consumerGroup, Convention convention) {
    public boolean hasCoordinates() {
        return topic != null && partition != null && offset != null;
    }
}
