package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.WriteGuard;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything a replay or dry-run works out before reading: the resume checkpoint (if any), the source's
 * cluster id, exact ranges, timestamps span and shift base, expected counts, the target's state and the
 * warnings, the compiled filter. Nothing here writes.
 */
record ReplaySetup(ReplayPlan plan, String replayId, KafkaClients source, KafkaClients target, String sourceCluster,
                   String sourceTopic, List<PartitionRange> ranges, int sourcePartitions, Long minTimestamp, Long maxTimestamp,
                   Long shiftBase, Map<Integer, Long> expected, TargetChecks.Target targetState, List<String> problems, List<String> warnings,
                   Checkpoint resume, RecordFilter filter, RecordDecoder decoder, Double compressibility) {

    static ReplaySetup prepare(ReplayPlan plan, WriteGuard guard) {
        Checkpoint resume = null;
        if (plan.checkpoint() != null && Files.exists(plan.checkpoint())) {
            resume = Checkpoint.read(plan.checkpoint());
            if (resume.complete()) {
                throw new BacktrackException("replay " + resume.replayId() + " in " + plan.checkpoint() + " already completed");
            }
            if (!resume.targetTopic().equals(plan.target().topic())) {
                throw new BacktrackException("checkpoint " + plan.checkpoint() + " belongs to a replay into '" + resume.targetTopic()
                        + "', not '" + plan.target().topic() + "'");
            }
        }
        String replayId = resume != null ? resume.replayId() : plan.id();
        KafkaClients target = new KafkaClients(plan.target().connection(), guard);
        RecordFilter filter = plan.filter() == null ? null : RecordFilter.cel(plan.filter());
        return switch (plan.source()) {
            case ReplaySource.Topic topic -> fromTopic(plan, guard, resume, replayId, target, filter, topic);
            case ReplaySource.Archive archive -> fromArchive(plan, resume, replayId, target, filter, archive);
        };
    }

    private static ReplaySetup fromTopic(ReplayPlan plan, WriteGuard guard, Checkpoint resume, String replayId, KafkaClients target,
                                         RecordFilter filter, ReplaySource.Topic topic) {
        KafkaClients source = new KafkaClients(topic.connection(), guard);
        SourceResolver.Resolved resolved = SourceResolver.resolve(source, topic);
        if (resume != null && !resume.sourceTopic().equals(topic.topic())) {
            throw new BacktrackException("checkpoint " + plan.checkpoint() + " belongs to a replay of '" + resume.sourceTopic() + "'");
        }
        List<PartitionRange> ranges = resume != null ? resume.ranges() : resolved.ranges();
        // the target's round trips overlap the source's edge reads: both are mostly waiting on brokers
        CompletableFuture<TargetChecks.Target> inspection = CompletableFuture.supplyAsync(
                () -> TargetChecks.inspect(target, plan.target(), resolved.partitionCount()),
                task -> Thread.ofPlatform().daemon().name("backtrack-replay-target-check").start(task));
        SourceResolver.Edges edges = SourceResolver.edges(source, topic, ranges);
        Long shiftBase = resume != null ? resume.shiftBase() : edges.earliestFirstTimestamp();
        Map<Integer, Long> expected = new HashMap<>();
        ranges.forEach(r -> expected.put(r.partition(), r.span()));
        int maxPartition = ranges.stream().mapToInt(PartitionRange::partition).max().orElse(0);
        TargetChecks.Target state = await(inspection);
        List<String> problems = TargetChecks.mappingProblems(state, plan.mapping(), maxPartition);
        List<String> warnings = withCompression(TargetChecks.warnings(state, plan.timestamps(), edges.minTimestamp(), edges.maxTimestamp(),
                shiftBase, Instant.now()), plan, target, state, edges.compressibility());
        RecordDecoder decoder = filter == null ? null : new RecordDecoder(topic.connection().registry());
        return new ReplaySetup(plan, replayId, source, target, resolved.clusterId(), topic.topic(), ranges, resolved.partitionCount(),
                edges.minTimestamp(), edges.maxTimestamp(), shiftBase, expected, state, problems, warnings, resume, filter, decoder,
                edges.compressibility());
    }

    private static ReplaySetup fromArchive(ReplayPlan plan, Checkpoint resume, String replayId, KafkaClients target, RecordFilter filter,
                                           ReplaySource.Archive archive) {
        String cluster;
        String topics;
        Map<Integer, Long> expected = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int maxPartition = 0;
        Compressibility sample = new Compressibility();
        // one streaming pass for counts, partitions and the timestamp span (needed for checks and the shift base), and a sample
        try (ArchiveReader reader = ArchiveReader.open(archive.file())) {
            cluster = reader.header().sourceCluster();
            topics = String.join(",", reader.header().topics());
            ArchiveEntry e;
            while ((e = reader.next()) != null) {
                sample.add(e.raw());
                expected.merge(e.raw().partition(), 1L, Long::sum);
                min = Math.min(min, e.raw().timestamp());
                max = Math.max(max, e.raw().timestamp());
                maxPartition = Math.max(maxPartition, e.raw().partition());
            }
        }
        Long minTs = expected.isEmpty() ? null : min;
        Long maxTs = expected.isEmpty() ? null : max;
        Long shiftBase = resume != null ? resume.shiftBase() : minTs;
        TargetChecks.Target state = TargetChecks.inspect(target, plan.target(), maxPartition + 1);
        List<String> problems = TargetChecks.mappingProblems(state, plan.mapping(), maxPartition);
        Double compressibility = sample.ratio();
        List<String> warnings = withCompression(TargetChecks.warnings(state, plan.timestamps(), minTs, maxTs, shiftBase, Instant.now()),
                plan, target, state, compressibility);
        RegistrySettings registry = plan.target().connection().registry();
        RecordDecoder decoder = filter == null ? null : new RecordDecoder(registry);
        return new ReplaySetup(plan, replayId, null, target, cluster == null ? "archive" : cluster, topics, List.of(), maxPartition + 1,
                minTs, maxTs, shiftBase, expected, state, problems, warnings, resume, filter, decoder, compressibility);
    }

    /** The pre-flight warnings, and one more when the codec sent is not the one the target topic stores. */
    private static List<String> withCompression(List<String> warnings, ReplayPlan plan, KafkaClients target, TargetChecks.Target state,
                                                Double compressibility) {
        return plan.compression().storageMismatch(profileCompression(target), state.compressionType(), compressibility).map(w -> {
            List<String> all = new java.util.ArrayList<>(warnings);
            all.add(w);
            return List.copyOf(all);
        }).orElse(warnings);
    }

    /** The target profile's own compression.type client property, if it has one. */
    private static String profileCompression(KafkaClients target) {
        return target.settings().clientProperties().get(BatchCompression.CONFIG);
    }

    private static TargetChecks.Target await(CompletableFuture<TargetChecks.Target> inspection) {
        try {
            return inspection.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new BacktrackException("cannot inspect the target: " + SourceResolver.rootMessage(e), e);
        }
    }

    /** The codec the replay's producers send with ({@link BatchCompression}: the plan's choice, the profile's, or the topic's). */
    String compression() {
        return plan.compression().forTarget(profileCompression(target), targetState.compressionType(), compressibility);
    }

    String compressionSummary() {
        return plan.compression().describe(profileCompression(target), targetState.compressionType(), compressibility);
    }

    boolean matches(dev.backtrack.kafka.RawRecord r) {
        return filter == null || filter.test(decoder.decode(r));
    }

    RecordMapper mapper(SchemaRewriter rewriter, long roundRobinStart) {
        return new RecordMapper(sourceCluster, replayId, plan.target().topic(), targetState.partitions(), plan.mapping(),
                plan.timestamps(), shiftBase, plan.headers(), rewriter, roundRobinStart);
    }

    ReplayFeed feed(Map<Integer, Long> next, long archiveDone) {
        return switch (plan.source()) {
            case ReplaySource.Topic topic -> new ReplayFeed.TopicFeed(source, topic.topic(), topic.isolation(), ranges, next);
            case ReplaySource.Archive archive -> new ReplayFeed.ArchiveFeed(archive.file(), archiveDone);
        };
    }
}
