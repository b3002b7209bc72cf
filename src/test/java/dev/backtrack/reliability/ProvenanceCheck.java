package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.HeaderPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a replay's target with its source through the provenance header ({@code cluster/topic/partition/offset}
 * of the source record), independently of the engine's own bookkeeping: every source record present, the first
 * copies in source order per partition, their content equal to the source's (per-partition SHA-256 of key,
 * value, non-provenance headers, timestamp), and how many extra copies there are. Expects a same-partition mapping.
 */
final class ProvenanceCheck {
    private final List<RawRecord> source;
    private final List<RawRecord> firstCopies = new ArrayList<>();
    private final List<String> outOfOrder = new ArrayList<>();
    private final Set<String> missing = new HashSet<>();
    private long duplicates;
    private long withoutProvenance;

    private ProvenanceCheck(List<RawRecord> source) {
        this.source = source;
    }

    /** {@code target} in partition then offset order (as {@link Records#readAll} returns it). */
    static ProvenanceCheck of(List<RawRecord> source, List<RawRecord> target) {
        ProvenanceCheck check = new ProvenanceCheck(source);
        Set<String> seen = new HashSet<>();
        Map<Integer, Long> lastSourceOffset = new HashMap<>();
        for (RawRecord r : target) {
            RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
            if (h == null || h.value() == null) {
                check.withoutProvenance++;
                continue;
            }
            String coordinates = new String(h.value(), StandardCharsets.UTF_8);
            if (!seen.add(coordinates)) {
                check.duplicates++;
                continue;
            }
            String[] parts = coordinates.split("/");
            int sourcePartition = Integer.parseInt(parts[parts.length - 2]);
            long sourceOffset = Long.parseLong(parts[parts.length - 1]);
            if (sourcePartition != r.partition()) {
                check.outOfOrder.add(coordinates + " landed in partition " + r.partition());
            }
            Long last = lastSourceOffset.put(r.partition(), sourceOffset);
            if (last != null && sourceOffset <= last) {
                check.outOfOrder.add(coordinates + " after source offset " + last + " in partition " + r.partition());
            }
            check.firstCopies.add(r);
        }
        Set<String> landed = new HashSet<>();
        for (RawRecord r : check.firstCopies) {
            String c = new String(r.lastHeader(HeaderPolicy.SOURCE_HEADER).value(), StandardCharsets.UTF_8);
            String[] parts = c.split("/");
            landed.add(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
        }
        for (RawRecord s : source) {
            if (!landed.contains(s.partition() + "/" + s.offset())) {
                check.missing.add(s.partition() + "/" + s.offset());
            }
        }
        return check;
    }

    long duplicates() {
        return duplicates;
    }

    void assertNothingLostInOrderAndFaithful() {
        assertThat(withoutProvenance).as("target records without provenance").isZero();
        assertThat(missing).as("source records missing on the target").isEmpty();
        assertThat(outOfOrder).as("first copies out of source order").isEmpty();
        assertThat(firstCopies).hasSameSizeAs(source);
        assertThat(Records.checksums(firstCopies)).isEqualTo(Records.checksums(source));
    }
}
