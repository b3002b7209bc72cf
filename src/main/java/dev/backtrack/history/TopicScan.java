package dev.backtrack.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Finds matching records in a time window of one or more topics. Each topic is read by its own assign-only
 * consumer ({@link RangeReader}, exact [from, to) ranges), and topics are scanned in parallel, so a scan over
 * three topics takes about as long as its slowest topic rather than the sum. Progress and cancel cover the
 * whole scan.
 */
public final class TopicScan {
    private final KafkaClients clients;
    private final IsolationLevel isolation;

    public TopicScan(KafkaClients clients) {
        this(clients, IsolationLevel.READ_UNCOMMITTED);
    }

    public TopicScan(KafkaClients clients, IsolationLevel isolation) {
        this.clients = clients;
        this.isolation = isolation;
    }

    /** The offsets a scan of one topic covers, per partition, and where each partition's retained log starts. */
    public record TopicPlan(String topic, int partitionCount, List<PartitionRange> ranges, Map<Integer, Long> firstRetained) {
        public long span() {
            return ranges.stream().mapToLong(PartitionRange::span).sum();
        }
    }

    /** What the scan of one topic found and covered. {@code recordsRead} counts every record read per partition. */
    public record TopicResult(TopicPlan plan, List<RawRecord> matches, Map<Integer, Long> recordsRead, boolean cancelled) {
    }

    /** Plans a scan: partitions null or empty means every partition of the topic. */
    public TopicPlan plan(String topic, Collection<Integer> partitions, TimeWindow window) {
        try (Admin admin = clients.admin()) {
            return plan(admin, topic, partitions, window);
        }
    }

    public List<TopicPlan> plan(List<String> topics, TimeWindow window) {
        try (Admin admin = clients.admin()) {
            List<TopicPlan> plans = new ArrayList<>();
            for (String t : topics) {
                plans.add(plan(admin, t, null, window));
            }
            return plans;
        }
    }

    static int partitionCount(Admin admin, String topic) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(KafkaClients.API_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS).get(topic);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new BacktrackException("topic '" + topic + "' does not exist");
            }
            throw new BacktrackException("could not describe topic '" + topic + "': " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("could not describe topic '" + topic + "': the cluster did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while describing topic '" + topic + "'");
        }
    }

    private TopicPlan plan(Admin admin, String topic, Collection<Integer> partitions, TimeWindow window) {
        int count = partitionCount(admin, topic);
        List<TopicPartition> tps = new ArrayList<>();
        if (partitions == null || partitions.isEmpty()) {
            for (int p = 0; p < count; p++) {
                tps.add(new TopicPartition(topic, p));
            }
        } else {
            for (int p : new java.util.TreeSet<>(partitions)) {
                if (p < 0 || p >= count) {
                    throw new BacktrackException("topic '" + topic + "' has no partition " + p + " (it has " + count + ")");
                }
                tps.add(new TopicPartition(topic, p));
            }
        }
        Map<TopicPartition, Long> earliest = offsets(admin, tps, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, tps, OffsetSpec.latest());
        Map<TopicPartition, Long> fromOffsets = window.from() == null ? earliest : orEnd(offsets(admin, tps, OffsetSpec.forTimestamp(window.from().toEpochMilli())), latest);
        // the first offset with a timestamp after the window; records up to it are read and filtered by time
        Map<TopicPartition, Long> toOffsets = window.to() == null ? latest : orEnd(offsets(admin, tps, OffsetSpec.forTimestamp(window.to().toEpochMilli() + 1)), latest);
        List<PartitionRange> ranges = new ArrayList<>();
        Map<Integer, Long> first = new TreeMap<>();
        for (TopicPartition tp : tps) {
            long from = Math.max(earliest.get(tp), fromOffsets.get(tp));
            long to = Math.max(from, toOffsets.get(tp));
            ranges.add(new PartitionRange(tp.partition(), from, to));
            first.put(tp.partition(), earliest.get(tp));
        }
        return new TopicPlan(topic, count, ranges, first);
    }

    private static Map<TopicPartition, Long> orEnd(Map<TopicPartition, Long> found, Map<TopicPartition, Long> latest) {
        Map<TopicPartition, Long> out = new HashMap<>();
        latest.forEach((tp, end) -> {
            Long at = found.get(tp);
            out.put(tp, at == null || at < 0 ? end : at);
        });
        return out;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> tps, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tps.forEach(tp -> request.put(tp, spec));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(request).all()
                    .get(KafkaClients.API_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            info.forEach((tp, i) -> out.put(tp, i.offset()));
            return out;
        } catch (ExecutionException e) {
            throw new BacktrackException("could not list offsets: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("could not list offsets: the cluster did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while listing offsets");
        }
    }

    /**
     * Scans every plan and keeps the records the matcher accepts whose timestamp is inside the window.
     * With {@code parallel} the topics are read at the same time (one consumer each), else one after the other.
     */
    public List<TopicResult> scan(List<TopicPlan> plans, TimeWindow window, RecordMatcher matcher, boolean parallel,
                                  ScanProgress progress, Cancellation cancellation) {
        long total = plans.stream().mapToLong(TopicPlan::span).sum();
        Map<String, Long> covered = new ConcurrentHashMap<>();
        AtomicLong matchCount = new AtomicLong();
        List<java.util.concurrent.Callable<TopicResult>> jobs = new ArrayList<>();
        for (TopicPlan plan : plans) {
            jobs.add(() -> scanOne(plan, window, matcher, total, covered, matchCount, progress, cancellation));
        }
        if (!parallel || jobs.size() == 1) {
            List<TopicResult> out = new ArrayList<>();
            for (var job : jobs) {
                out.add(call(job));
            }
            return out;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(jobs.size(), Thread.ofPlatform().name("backtrack-scan-", 0).daemon().factory())) {
            List<Future<TopicResult>> futures = new ArrayList<>();
            jobs.forEach(j -> futures.add(pool.submit(j)));
            List<TopicResult> out = new ArrayList<>();
            for (Future<TopicResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    cancellation.cancel();
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new BacktrackException("scan failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.cancel();
                    throw new BacktrackException("interrupted while scanning");
                }
            }
            return out;
        }
    }

    private static TopicResult call(java.util.concurrent.Callable<TopicResult> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BacktrackException("scan failed: " + e, e);
        }
    }

    private TopicResult scanOne(TopicPlan plan, TimeWindow window, RecordMatcher matcher, long total, Map<String, Long> covered,
                                AtomicLong matchCount, ScanProgress progress, Cancellation cancellation) {
        List<RawRecord> matches = new ArrayList<>();
        Map<Integer, Long> read = new TreeMap<>();
        Map<Integer, Long> fromOf = new HashMap<>();
        plan.ranges().forEach(r -> fromOf.put(r.partition(), r.from()));
        RecordSink sink = new RecordSink() {
            @Override
            public boolean accept(List<RawRecord> batch) {
                for (RawRecord r : batch) {
                    read.merge(r.partition(), 1L, Long::sum);
                    if (window.contains(r.timestamp()) && matcher.matches(r)) {
                        matches.add(r);
                        matchCount.incrementAndGet();
                    }
                }
                return !cancellation.isCancelled();
            }

            @Override
            public void progress(int partition, long position) {
                covered.put(plan.topic() + "/" + partition, position - fromOf.getOrDefault(partition, position));
                progress.progress(covered.values().stream().mapToLong(Long::longValue).sum(), total, matchCount.get());
            }
        };
        RangeReader.Outcome outcome = new RangeReader(clients, isolation).read(plan.topic(), plan.ranges(), sink, cancellation);
        return new TopicResult(plan, matches, read, outcome.cancelled() || cancellation.isCancelled());
    }
}
