package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks a page out of windowed lanes so that no record is ever skipped: each partition contributes a
 * contiguous run of its hits (a prefix reading forward, a suffix reading backward), and the cursors
 * start exactly where the run stopped. Timestamp order is a k-way merge over partitions.
 */
record PageSelection(List<DecodedRecord> records, PageCursor next, PageCursor previous) {
    static final Comparator<DecodedRecord> BY_TIME = Comparator.<DecodedRecord>comparingLong(r -> r.raw().timestamp())
            .thenComparingInt(r -> r.raw().partition()).thenComparingLong(r -> r.raw().offset());
    static final Comparator<DecodedRecord> BY_PARTITION = Comparator.<DecodedRecord>comparingInt(r -> r.raw().partition())
            .thenComparingLong(r -> r.raw().offset());

    static PageSelection forward(Map<Integer, Lane> lanes, int pageSize, BrowseOrder order) {
        Map<Integer, Integer> taken = new TreeMap<>();
        lanes.keySet().forEach(p -> taken.put(p, 0));
        List<DecodedRecord> out = new ArrayList<>();
        if (order == BrowseOrder.PARTITION) {
            for (Lane lane : lanes.values()) {
                int n = Math.min(lane.hits.size(), pageSize - out.size());
                out.addAll(lane.hits.subList(0, n));
                taken.put(lane.partition, n);
            }
        } else {
            while (out.size() < pageSize) {
                Lane best = null;
                for (Lane lane : lanes.values()) {
                    int i = taken.get(lane.partition);
                    if (i < lane.hits.size() && (best == null
                            || BY_TIME.compare(lane.hits.get(i), best.hits.get(taken.get(best.partition))) < 0)) {
                        best = lane;
                    }
                }
                if (best == null) {
                    break;
                }
                int i = taken.get(best.partition);
                out.add(best.hits.get(i));
                taken.put(best.partition, i + 1);
            }
        }
        Map<Integer, Long> next = new TreeMap<>();
        Map<Integer, Long> previous = new TreeMap<>();
        for (Lane lane : lanes.values()) {
            int i = taken.get(lane.partition);
            next.put(lane.partition, i < lane.hits.size() ? lane.hits.get(i).raw().offset() : lane.high);
            previous.put(lane.partition, lane.low);
        }
        return new PageSelection(out, new PageCursor(PageCursor.Direction.FORWARD, next),
                new PageCursor(PageCursor.Direction.BACKWARD, previous));
    }

    static PageSelection backward(Map<Integer, Lane> lanes, int pageSize, BrowseOrder order) {
        Map<Integer, Integer> taken = new TreeMap<>();
        lanes.keySet().forEach(p -> taken.put(p, 0));
        List<DecodedRecord> out = new ArrayList<>();
        if (order == BrowseOrder.PARTITION) {
            for (Lane lane : new TreeMap<>(lanes).descendingMap().values()) {
                int n = Math.min(lane.hits.size(), pageSize - out.size());
                out.addAll(lane.hits.subList(lane.hits.size() - n, lane.hits.size()));
                taken.put(lane.partition, n);
            }
            out.sort(BY_PARTITION);
        } else {
            while (out.size() < pageSize) {
                Lane best = null;
                for (Lane lane : lanes.values()) {
                    int i = lane.hits.size() - 1 - taken.get(lane.partition);
                    if (i >= 0 && (best == null || BY_TIME.compare(lane.hits.get(i),
                            best.hits.get(best.hits.size() - 1 - taken.get(best.partition))) > 0)) {
                        best = lane;
                    }
                }
                if (best == null) {
                    break;
                }
                int t = taken.get(best.partition);
                out.add(best.hits.get(best.hits.size() - 1 - t));
                taken.put(best.partition, t + 1);
            }
            java.util.Collections.reverse(out);
        }
        Map<Integer, Long> next = new TreeMap<>();
        Map<Integer, Long> previous = new TreeMap<>();
        for (Lane lane : lanes.values()) {
            int t = taken.get(lane.partition);
            next.put(lane.partition, lane.high);
            long boundary;
            if (t == lane.hits.size()) {
                boundary = lane.low;
            } else if (t == 0) {
                boundary = lane.high;
            } else {
                boundary = lane.hits.get(lane.hits.size() - t).raw().offset();
            }
            previous.put(lane.partition, boundary);
        }
        return new PageSelection(out, new PageCursor(PageCursor.Direction.FORWARD, next),
                new PageCursor(PageCursor.Direction.BACKWARD, previous));
    }
}
