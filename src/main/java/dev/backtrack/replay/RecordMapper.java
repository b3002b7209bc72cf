package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Turns a source record into the record the target gets, applying the plan's partition mapping, timestamp
 * policy, header policy, provenance headers and (optionally) schema-id rewriting. Key and value bytes are
 * otherwise untouched. Stateful only for round-robin placement, whose counter a checkpoint carries.
 */
final class RecordMapper {
    private final String clusterId;
    private final String replayId;
    private final String targetTopic;
    private final int targetPartitions;
    private final PartitionMapping mapping;
    private final TimestampPolicy timestamps;
    private final Long shiftBase;
    private final HeaderPolicy.Compiled headers;
    private final boolean provenance;
    private final SchemaRewriter rewriter;
    private final byte[] replayIdBytes;
    private long roundRobin;
    private final java.util.Map<Integer, byte[]> prefixes = new java.util.HashMap<>();
    private String prefixTopic;

    RecordMapper(String clusterId, String replayId, String targetTopic, int targetPartitions, PartitionMapping mapping,
                 TimestampPolicy timestamps, Long shiftBase, HeaderPolicy headers, SchemaRewriter rewriter, long roundRobinStart) {
        this.clusterId = clusterId;
        this.replayId = replayId;
        this.targetTopic = targetTopic;
        this.targetPartitions = targetPartitions;
        this.mapping = mapping;
        this.timestamps = timestamps;
        this.shiftBase = shiftBase;
        this.headers = headers.compile();
        this.provenance = headers.provenance();
        this.rewriter = rewriter;
        this.replayIdBytes = replayId.getBytes(StandardCharsets.UTF_8);
        this.roundRobin = roundRobinStart;
    }

    long roundRobinCounter() {
        return roundRobin;
    }

    OutgoingRecord map(RawRecord r) {
        SourceRef source = new SourceRef(clusterId, r.topic(), r.partition(), r.offset(), r.timestamp());
        List<RawHeader> out = headers.apply(r.headers());
        byte[] key = r.key();
        byte[] value = r.value();
        if (rewriter != null) {
            SchemaRewriter.Rewritten k = rewriter.rewrite(key, out, true);
            key = k.payload();
            out = k.headers();
            SchemaRewriter.Rewritten v = rewriter.rewrite(value, out, false);
            value = v.payload();
            out = v.headers();
        }
        if (provenance) {
            out.add(new RawHeader(HeaderPolicy.SOURCE_HEADER, sourceCoordinates(r)));
            out.add(new RawHeader(HeaderPolicy.ID_HEADER, replayIdBytes));
        }
        return new OutgoingRecord(targetTopic, partition(r), key, value, out, timestamp(r.timestamp()), source);
    }

    /**
     * {@link SourceRef#coordinates()} as UTF-8 bytes, built from a cached {@code cluster/topic/partition/}
     * prefix and the offset's digits: no string building per record.
     */
    private byte[] sourceCoordinates(RawRecord r) {
        if (!r.topic().equals(prefixTopic)) {
            prefixTopic = r.topic();
            prefixes.clear();
        }
        byte[] prefix = prefixes.computeIfAbsent(r.partition(),
                p -> (clusterId + "/" + prefixTopic + "/" + p + "/").getBytes(StandardCharsets.UTF_8));
        return withDecimal(prefix, r.offset());
    }

    static byte[] withDecimal(byte[] prefix, long value) {
        if (value < 0) {
            byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + digits.length);
            System.arraycopy(digits, 0, out, prefix.length, digits.length);
            return out;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + digits);
        long v = value;
        for (int i = out.length - 1; i >= prefix.length; i--) {
            out[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return out;
    }

    int partition(RawRecord r) {
        return switch (mapping) {
            case PartitionMapping.Same same -> r.partition();
            case PartitionMapping.Fixed fixed -> fixed.partition();
            case PartitionMapping.RoundRobin rr -> (int) (roundRobin++ % targetPartitions);
            case PartitionMapping.ByKey byKey -> r.key() == null
                    ? (int) (roundRobin++ % targetPartitions)
                    : Utils.toPositive(Utils.murmur2(r.key())) % targetPartitions;
        };
    }

    long timestamp(long original) {
        return switch (timestamps) {
            case TimestampPolicy.Keep keep -> original;
            case TimestampPolicy.Now now -> System.currentTimeMillis();
            case TimestampPolicy.ShiftTo shift -> shift.start().toEpochMilli() + (original - (shiftBase == null ? original : shiftBase));
        };
    }
}
