package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Runs a {@link ReplayPlan}: {@link #preflight} (warnings only), {@link #dryRun} (reads and maps everything,
 * sends nothing, creates nothing) or {@link #run}. A run reads the source with one assign-only consumer,
 * maps each record ({@link RecordMapper}), sends with a {@link RecordSender}, writes the checkpoint after each
 * durable point, optionally verifies the target, and returns a {@link ReplayReport}; the sender writes the
 * audit entry. {@link #pause}/{@link #resume} act on the running job; cancel through the {@link Cancellation}.
 *
 * <p>Resume: when the plan's checkpoint file exists, the run continues from it with the same replay id and
 * transactional id (which fences and aborts a crashed run's open transaction). Records of this replay that
 * reached the target after the last checkpoint are found by their provenance headers: in exactly-once mode
 * they are committed, so they count as done (no duplicate); in idempotent mode they are sent again and
 * reported as the overlap.
 */
public final class ReplayRunner {
    private final WriteGuard guard;
    private final SendListener listener;
    private final Map<String, Object> sendOverrides;
    /**
     * Producers that split the target partitions of a replay (every replayed record names its partition; an
     * exactly-once replay uses one). Each has its own broker connection, so the broker works on several produce
     * requests at once, and the sending thread no longer contends with one I/O thread for every partition's queue:
     * 1 M records into 3 partitions, packaged CLI, 6 A/B pairs: 6.4 s instead of 6.8 s, with 11 % less CPU.
     */
    static final int PRODUCERS = 3;

    private volatile RecordSender current;
    private volatile Prepared prepared;

    /** A pre-flight's setup, reused by a run of the same plan that follows at once (no second round of metadata reads). */
    private record Prepared(ReplayPlan plan, ReplaySetup setup, long atNanos) {
        private static final long FRESH_NANOS = 30_000_000_000L;

        boolean freshFor(ReplayPlan other) {
            return plan == other && System.nanoTime() - atNanos < FRESH_NANOS;
        }
    }

    public ReplayRunner(WriteGuard guard, SendListener listener) {
        this(guard, listener, Map.of());
    }

    /** {@code producerOverrides}: extra producer properties (batching, compression) for the target. */
    public ReplayRunner(WriteGuard guard, SendListener listener, Map<String, Object> producerOverrides) {
        this.guard = guard;
        this.listener = listener;
        this.sendOverrides = Map.copyOf(producerOverrides);
    }

    public void pause() {
        RecordSender s = current;
        if (s != null) {
            s.pause();
        }
    }

    public void resume() {
        RecordSender s = current;
        if (s != null) {
            s.resume();
        }
    }

    /** The checks a user must see before a run: mapping problems and timestamp warnings. Nothing is read or written beyond metadata and edge records. */
    public List<String> preflight(ReplayPlan plan) {
        ReplaySetup setup = ReplaySetup.prepare(plan, guard);
        prepared = new Prepared(plan, setup, System.nanoTime());
        return java.util.stream.Stream.concat(setup.problems().stream(), setup.warnings().stream()).toList();
    }

    /** The pre-flight checks split in what stops a run ({@code problems}) and what only warns. */
    public record Checks(List<String> problems, List<String> warnings) {
        public Checks {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    /** Like {@link #preflight}, but keeps the problems (a run refuses to start) apart from the warnings. */
    public Checks checks(ReplayPlan plan) {
        ReplaySetup setup = ReplaySetup.prepare(plan.withCheckpoint(null), guard);
        return new Checks(setup.problems(), setup.warnings());
    }

    /** Reads and maps the whole range like a run would, but sends nothing, creates nothing and registers nothing. */
    public ReplayReport dryRun(ReplayPlan plan, Cancellation cancellation) {
        long start = System.nanoTime();
        ReplaySetup setup = ReplaySetup.prepare(plan.withCheckpoint(null), guard);
        RecordMapper mapper = setup.mapper(null, 0);
        DryRunPreview preview = new DryRunPreview();
        ReadCounts counts = new ReadCounts();
        ReplayFeed feed = setup.feed(Map.of(), 0);
        feed.run(batch -> batch, batch -> {
            for (RawRecord r : batch) {
                counts.read(r.partition());
                if (setup.matches(r)) {
                    counts.matched(r.partition());
                    preview.add(r, mapper.map(r));
                }
            }
            return !cancellation.isCancelled();
        }, cancellation);
        List<String> warnings = new java.util.ArrayList<>(setup.problems());
        warnings.addAll(setup.warnings());
        if (!setup.targetState().exists()) {
            warnings.add("target topic '" + plan.target().topic() + "' does not exist and will be created with "
                    + setup.targetState().partitions() + " partitions");
        }
        if (plan.reregisterSchemas()) {
            warnings.add("schemas will be re-registered in the target registry when the replay runs (not in a dry-run)");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new ReplayReport(setup.replayId(), cancellation.isCancelled() ? ReplayReport.CANCELLED : ReplayReport.DRY_RUN, true,
                ReplayAudit.planSummary(plan, setup), warnings, setup.sourceCluster(), plan.target().connection().name(),
                plan.target().topic(), false, sources(setup, counts, Map.of()), List.of(), counts.totalRead(), counts.totalMatched(),
                0, 0, 0, List.of(), null, null, null, null, preview.build(), null, ms, 0);
    }

    /** Runs the replay (or resumes it from the plan's checkpoint file). */
    public ReplayReport run(ReplayPlan plan, Cancellation cancellation) {
        Prepared earlier = prepared;
        prepared = null;
        ReplaySetup setup = earlier != null && earlier.freshFor(plan) ? earlier.setup() : ReplaySetup.prepare(plan, guard);
        if (!setup.problems().isEmpty()) {
            throw new BacktrackException(setup.problems().get(0));
        }
        boolean created = false;
        if (!setup.targetState().exists()) {
            TargetChecks.create(setup.target(), plan.target(), setup.targetState().partitions());
            created = true;
        }
        Checkpoint resume = setup.resume();
        SchemaRewriter rewriter = plan.reregisterSchemas() ? rewriter(plan) : null;
        RecordMapper mapper = setup.mapper(rewriter, resume == null ? 0 : resume.roundRobin());
        Map<Integer, Long> targetStartEnds = resume != null ? resume.targetStartEnds() : setup.targetState().endOffsets();
        Delivery delivery = plan.exactlyOnce() ? new Delivery.ExactlyOnce("backtrack-" + setup.replayId(), plan.commitEvery())
                : Delivery.IDEMPOTENT;
        SendOptions options = SendOptions.defaults().withDelivery(delivery).withPace(plan.pace()).withProducers(PRODUCERS)
                .withCheckpointEvery(plan.commitEvery() == Delivery.SINGLE_TRANSACTION ? SendOptions.DEFAULT_CHECKPOINT_EVERY : plan.commitEvery());
        options = options.withProducerOverrides(producerOverrides(options, setup));
        WriteAction action = plan.source() instanceof ReplaySource.Archive ? WriteAction.IMPORT : WriteAction.REPLAY;
        try (RecordSender sender = new RecordSender(setup.target(), action, plan.target().topic(), options, cancellation, listener)) {
            current = sender;
            setup.targetState().knownTimestampType().ifPresent(type -> sender.timestampType(plan.target().topic(), type));
            ResumeState state = ResumeState.of(setup, resume, targetStartEnds);
            state.recover(setup, plan, targetStartEnds);
            sender.restore(state.targets, state.writtenPerSource);
            sender.expect(remaining(setup, state));
            sender.startProducersFor(PartitionMapping.targets(plan.mapping(), setup.expected().keySet(), setup.targetState().partitions()));
            // also on resume (with what recover() found): a checkpoint that cannot be written fails before anything is sent
            if (plan.checkpoint() != null) {
                writeCheckpoint(plan, setup, state.next, state.archiveDone, mapper.roundRobinCounter(), state.targets, state.writtenPerSource,
                        targetStartEnds, false);
            }
            ReadCounts counts = new ReadCounts();
            ReplayFeed feed = setup.feed(state.next, state.archiveDone);
            // filtering (and mostly mapping and hashing) runs on the reader's thread (PreparedBatch); mapping stays here when
            // it re-registers schemas or stamps "now", which must be the time of sending, not of reading ahead
            RecordMapper readerMapper = rewriter == null && !(plan.timestamps() instanceof TimestampPolicy.Now) ? mapper : null;
            long[] roundRobinSent = {mapper.roundRobinCounter()};
            SendResult result;
            try {
                feed.run(batch -> PreparedBatch.prepare(batch, setup::matches, readerMapper), batch -> {
                    List<RawRecord> records = batch.records();
                    for (int i = 0; i < batch.prepared(); i++) {
                        RawRecord r = records.get(i);
                        counts.read(r.partition());
                        if (!batch.matched(i)) {
                            continue;
                        }
                        counts.matched(r.partition());
                        boolean sent;
                        if (readerMapper != null) {
                            sent = sender.send(batch.outgoing(i), batch.contentHash(i), null);
                        } else {
                            OutgoingRecord out;
                            try {
                                out = mapper.map(r);
                            } catch (BacktrackException e) {
                                throw stopBefore(e, plan, setup, sender, feed, records, i, mapper.roundRobinCounter(), targetStartEnds);
                            }
                            sent = sender.send(out);
                        }
                        if (!sent) {
                            return false;
                        }
                    }
                    roundRobinSent[0] = readerMapper != null ? batch.roundRobinAfter() : mapper.roundRobinCounter();
                    if (batch.failedAt() >= 0) {
                        int i = batch.failedAt();
                        counts.read(records.get(i).partition());
                        if (batch.mappingFailed()) {
                            counts.matched(records.get(i).partition());
                            if (batch.failure() instanceof BacktrackException e) {
                                throw stopBefore(e, plan, setup, sender, feed, records, i, roundRobinSent[0], targetStartEnds);
                            }
                        }
                        throw batch.failure();
                    }
                    // without a checkpoint file an idempotent run has nothing to persist: no flush stalls the pipeline
                    if ((plan.checkpoint() != null || plan.exactlyOnce()) && sender.checkpointDue()) {
                        RecordSender.Durable durable = sender.checkpoint();
                        if (plan.checkpoint() != null) {
                            writeCheckpoint(plan, setup, feed.positionsWithCurrentBatch(), feed.archiveDoneWithCurrentBatch(),
                                    roundRobinSent[0], durable.targets(), durable.writtenPerSourcePartition(), targetStartEnds, false);
                        }
                    }
                    return true;
                }, cancellation);
                // audited once verified (below), so the audit log carries the verification too
                result = sender.finishUnaudited();
                if (plan.checkpoint() != null && !cancellation.isCancelled()) {
                    writeCheckpoint(plan, setup, feed.positions(), feed.archiveDone(), roundRobinSent[0], result.targets(),
                            result.writtenPerSourcePartition(), targetStartEnds, true);
                }
            } catch (RuntimeException e) {
                // a replay that stopped on an error is audited with what the target holds of it
                sender.auditFailure(e, ReplayAudit.auditDetails(plan, setup, counts));
                throw e instanceof BacktrackException b ? CleanStop.wrap(b, plan.checkpoint()) : e;
            }
            ReplayReport report = null;
            try {
                // closed first: a request the producer gave up on may still be written, and the verify should see it
                sender.close();
                TimedOutRecords timedOut = plan.exactlyOnce() ? TimedOutRecords.NONE : sender.timedOutRecords();
                boolean verify = plan.verify() && !cancellation.isCancelled();
                if (verify) {
                    listener.onStep(JobStep.VERIFYING);
                }
                TargetReadBack.Verified verified = verify
                        ? new TargetReadBack(setup.target(), setup.replayId(), plan.headers().provenance()).verify(result.targets(),
                                plan.headers().provenance() && (resume != null || timedOut.any()) ? targetStartEnds : Map.of(), timedOut,
                                Cancellation.none())
                        : null;
                report = ReplayAudit.report(plan, setup, counts, result, verified, created, state.resumeReport(resume != null),
                        rewriter == null ? null : rewriter.mappings(), sources(setup, counts, result.writtenPerSourcePartition()));
                return report;
            } finally {
                sender.audit(WriteGuard.WRITTEN, result, ReplayAudit.auditDetails(plan, setup, counts, report));
            }
        } finally {
            current = null;
        }
    }

    /**
     * A record could not be mapped (its schema could not be re-registered): what was sent before it is made
     * durable and checkpointed up to that record, so a resume neither repeats nor skips anything. A single
     * transaction stays all-or-nothing (aborted at close), and without a checkpoint file there is nothing to keep.
     */
    private static BacktrackException stopBefore(BacktrackException cause, ReplayPlan plan, ReplaySetup setup, RecordSender sender,
                                                 ReplayFeed feed, List<RawRecord> batch, int index, long roundRobin,
                                                 Map<Integer, Long> targetStartEnds) {
        if (plan.checkpoint() == null || sender.delivery() instanceof Delivery.ExactlyOnce eos && eos.singleTransaction()) {
            return cause;
        }
        RecordSender.Durable durable = sender.checkpoint();
        writeCheckpoint(plan, setup, CleanStop.positionsAfter(feed.positions(), batch, index), feed.archiveDone() + index, roundRobin,
                durable.targets(), durable.writtenPerSourcePartition(), targetStartEnds, false);
        return CleanStop.beforeRecord(cause, plan.checkpoint(), durable.targets().values().stream().mapToLong(TargetStats::count).sum());
    }

    private static SchemaRewriter rewriter(ReplayPlan plan) {
        if (!(plan.source() instanceof ReplaySource.Topic topic) || topic.connection().registry() == null) {
            throw new BacktrackException("re-registering schemas needs a source topic whose connection has a schema registry");
        }
        if (plan.target().connection().registry() == null) {
            throw new BacktrackException("re-registering schemas needs a schema registry for the target connection");
        }
        return new SchemaRewriter(new SchemaRegistryClient(topic.connection().registry()),
                new SchemaRegistryClient(plan.target().connection().registry()), plan.target().topic());
    }

    private static Map<Integer, Long> remaining(ReplaySetup setup, ResumeState state) {
        Map<Integer, Long> out = new HashMap<>();
        if (setup.ranges().isEmpty()) {
            return setup.expected();
        }
        for (PartitionRange r : setup.ranges()) {
            out.put(r.partition(), Math.max(0, r.to() - state.next.getOrDefault(r.partition(), r.from())));
        }
        return out;
    }

    /** The batch size this target takes best ({@link BatchSize}) and the compression, unless the caller chose them. */
    private Map<String, Object> producerOverrides(SendOptions options, ReplaySetup setup) {
        TargetChecks.Target target = setup.targetState();
        Map<String, Object> out = new HashMap<>();
        out.put(ProducerConfig.BATCH_SIZE_CONFIG, BatchSize.forReplay(target.partitions(), options.producersUsed(),
                options.producerBufferBytes(), target.maxMessageBytes()));
        out.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, setup.compression());
        out.putAll(sendOverrides);
        return out;
    }

    private static void writeCheckpoint(ReplayPlan plan, ReplaySetup setup, Map<Integer, Long> next, long archiveDone, long roundRobin,
                                        Map<TargetPartition, TargetStats> targets, Map<Integer, Long> writtenPerSource,
                                        Map<Integer, Long> targetStartEnds, boolean complete) {
        new Checkpoint(Checkpoint.FORMAT, 1, setup.replayId(), setup.sourceTopic(), plan.target().topic(), plan.exactlyOnce(),
                setup.ranges(), next, archiveDone, setup.shiftBase(), roundRobin, Checkpoint.entries(targets),
                writtenPerSource, targetStartEnds, complete, Instant.now()).write(plan.checkpoint());
    }

    private static List<ReplayReport.SourcePartition> sources(ReplaySetup setup, ReadCounts counts, Map<Integer, Long> written) {
        Map<Integer, ReplayReport.SourcePartition> out = new TreeMap<>();
        for (PartitionRange r : setup.ranges()) {
            out.put(r.partition(), new ReplayReport.SourcePartition(r.partition(), r.from(), r.to(), counts.readIn(r.partition()),
                    counts.matchedIn(r.partition()), written.getOrDefault(r.partition(), 0L)));
        }
        counts.read.forEach((p, n) -> out.putIfAbsent(p, new ReplayReport.SourcePartition(p, null, null, n[0],
                counts.matchedIn(p), written.getOrDefault(p, 0L))));
        return List.copyOf(out.values());
    }
}
