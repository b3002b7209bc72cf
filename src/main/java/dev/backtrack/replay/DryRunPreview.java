package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects what a dry-run shows: first/last mapped record per source partition, header changes, target distribution. */
final class DryRunPreview {
    private final Map<Integer, ReplayReport.RecordPreview> first = new TreeMap<>();
    private final Map<Integer, ReplayReport.RecordPreview> last = new TreeMap<>();
    private final Map<String, Long> dropped = new TreeMap<>();
    private final Map<String, Long> added = new TreeMap<>();
    private final Map<Integer, Long> perTarget = new TreeMap<>();
    // the last record of each partition is rendered only once, at the end
    private final Map<Integer, RawRecord> lastSource = new HashMap<>();
    private final Map<Integer, OutgoingRecord> lastOut = new HashMap<>();

    void add(RawRecord source, OutgoingRecord out) {
        perTarget.merge(out.partition(), 1L, Long::sum);
        if (!first.containsKey(source.partition())) {
            first.put(source.partition(), preview(source, out));
        }
        lastSource.put(source.partition(), source);
        lastOut.put(source.partition(), out);
        Map<String, Integer> before = counts(source.headers());
        Map<String, Integer> after = counts(out.headers());
        before.forEach((name, n) -> {
            int d = n - after.getOrDefault(name, 0);
            if (d > 0) {
                dropped.merge(name, (long) d, Long::sum);
            }
        });
        after.forEach((name, n) -> {
            int d = n - before.getOrDefault(name, 0);
            if (d > 0) {
                added.merge(name, (long) d, Long::sum);
            }
        });
    }

    ReplayReport.Preview build() {
        lastSource.forEach((p, source) -> last.put(p, preview(source, lastOut.get(p))));
        return new ReplayReport.Preview(first, last, dropped, added, perTarget);
    }

    private static ReplayReport.RecordPreview preview(RawRecord source, OutgoingRecord out) {
        return new ReplayReport.RecordPreview(source.coordinates(), source.timestamp(), out.timestamp(), out.partition(),
                source.key() == null ? null : source.keySize(), source.value() == null ? null : source.valueSize(),
                names(source.headers()), names(out.headers()));
    }

    private static List<String> names(List<RawHeader> headers) {
        return headers.stream().map(RawHeader::key).toList();
    }

    private static Map<String, Integer> counts(List<RawHeader> headers) {
        Map<String, Integer> out = new HashMap<>();
        headers.forEach(h -> out.merge(h.key(), 1, Integer::sum));
        return out;
    }
}
