package dev.backtrack.redrive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.ReadAhead;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.RecordSender;
import dev.backtrack.replay.SendFailure;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendOptions;
import dev.backtrack.replay.SendResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a redrive: reads the selected dead letters (browse engine), prepares each ({@link RedrivePreparer}),
 * sends the ready ones through the shared {@link RecordSender} (idempotent, acks=all, prod guard, audit entry,
 * bounded memory, cancellable), journals them as {@code SENT} at every producer checkpoint (so a crash cannot
 * cause a silent duplicate later), then journals each record's exact target offset ({@code LANDED}, from the
 * broker's acknowledgement: acks=all) or {@code NOT_LANDED}. When some record was not acknowledged, the written
 * ranges are read back first, since a record whose acknowledgement was lost may still have landed. A dry run
 * does everything up to sending.
 */
public final class RedriveRunner {
    private static final int MAX_LISTED_PROBLEMS = 1000;
    /** Batches of parsed dead letters waiting to be prepared and sent. */
    private static final int READ_BATCHES = 16;
    /** Dead letters per handed-over batch: a poll brings up to 2000, and smaller batches start the sending sooner. */
    private static final int BATCH = 250;

    private final KafkaClients source;
    private final KafkaClients target;
    private final PayloadCodec codec;
    private final Path dataDir;
    private final SendOptions sendOptions;

    public RedriveRunner(KafkaClients source, KafkaClients target, PayloadCodec codec, Path dataDir, SendOptions sendOptions) {
        this.source = source;
        this.target = target;
        this.codec = codec;
        this.dataDir = dataDir;
        this.sendOptions = sendOptions;
    }

    public RedriveRunner(KafkaClients clients, PayloadCodec codec, Path dataDir) {
        this(clients, clients, codec, dataDir, SendOptions.defaults());
    }

    /** The journal this runner uses for a dead-letter topic (profile = the source connection's name). */
    public RedriveJournal journal(String dltTopic) {
        return RedriveJournal.open(dataDir, source.settings().name(), dltTopic);
    }

    public RedriveReport run(RedriveSelection selection, RedriveOptions options, SendListener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        RedriveJournal journal = journal(selection.dltTopic());
        TargetTopics targets = new TargetTopics(target);
        Run run = new Run(options, journal, cancellation, listener, selection.dltTopic(), targets);
        try (targets; EarlySender early = startEarly(selection, options, targets, run)) {
            run.early = early;
            RedrivePreparer preparer = new RedrivePreparer(options, journal, new RecordEditor(codec), targets, source.settings().name());
            // reading and parsing run ahead on the reader's thread; editing, sending and journaling stay on this one, in
            // dead-letter order (the reader had all but sending, and this thread waited for it most of the run)
            DeadLetterReader.ReadSummary[] read = new DeadLetterReader.ReadSummary[1];
            ReadAhead.<List<DeadLetter>>run("backtrack-redrive-reader", READ_BATCHES, (out, stop) ->
                    read[0] = new DeadLetterReader(source).read(selection.dltTopic(), selection.partitions(), selection.filter(), batch -> {
                        for (int from = 0; from < batch.size() && !stop.isCancelled(); from += BATCH) {
                            out.put(batch.subList(from, Math.min(batch.size(), from + BATCH)));
                        }
                    }, stop), letters -> {
                        for (DeadLetter letter : letters) {
                            if (!run.handle(preparer.prepare(letter))) {
                                return false;
                            }
                        }
                        return true;
                    }, cancellation);
            // the reader thread has ended (joined): its summary is visible here
            run.scanned = read[0] == null ? 0 : read[0].read();
            run.selected = read[0] == null ? 0 : read[0].matched();
            SendResult result = run.finish(selection);
            long durationMillis = (System.nanoTime() - start) / 1_000_000;
            return new RedriveReport(selection.dltTopic(), selection.description(), options.dryRun(), run.scanned, run.selected,
                    run.sent, run.landed, run.alreadySent, run.overMax, run.failed, run.problems,
                    Math.max(0, run.problemCount - run.problems.size()), run.previews,
                    result == null ? null : result.checksum(), durationMillis,
                    result == null ? 0 : result.recordsPerSecond(), cancellation.isCancelled(), journal.file());
        } catch (RuntimeException e) {
            run.auditFailure(e, selection);
            throw e;
        } finally {
            run.close();
        }
    }

    /** The sender started while reading starts, when the target is known (or named by the dead-letter topic) and writable. */
    private EarlySender startEarly(RedriveSelection selection, RedriveOptions options, TargetTopics targets, Run run) {
        if (options.dryRun() || target.settings().writeProtected()) {
            return EarlySender.none();
        }
        Optional<String> topic = options.targetTopic() != null ? Optional.of(options.targetTopic())
                : DeadLetterTopicNames.originalTopic(selection.dltTopic());
        return topic.map(t -> EarlySender.start(t, targets, () -> run.newSender(t))).orElse(EarlySender.none());
    }

    /** A dead letter handed to the producer: its place in the dead-letter topic and where it was sent. */
    private static final class Sent {
        final int partition;
        final long offset;
        final String redriveId;
        final String targetTopic;
        // set on the producer's I/O thread when the target acknowledges it; read after the sender finished
        volatile LandingCheck.Landing acknowledged;

        Sent(int partition, long offset, String redriveId, String targetTopic) {
            this.partition = partition;
            this.offset = offset;
            this.redriveId = redriveId;
            this.targetTopic = targetTopic;
        }
    }

    /** The state of one run, kept on the sending thread; dead letters arrive prepared, in dead-letter order. */
    private final class Run implements AutoCloseable {
        final RedriveOptions options;
        final RedriveJournal journal;
        final Cancellation cancellation;
        final SendListener listener;
        final String dltTopic;
        final TargetTopics targets;
        RecordSender sender;
        EarlySender early = EarlySender.none();
        // only what the read-back and the report need: holding the dead letters themselves would keep every record
        // of a bulk run (payloads, parsed headers, edits) in memory until the end
        final List<Sent> inFlight = new ArrayList<>();
        final List<Sent> unjournaled = new ArrayList<>();
        final List<RedriveReport.Item> problems = new ArrayList<>();
        final List<RedriveReport.Preview> previews = new ArrayList<>();
        long scanned;
        long selected;
        long sent;
        long landed;
        long alreadySent;
        long overMax;
        long failed;
        long problemCount;

        Run(RedriveOptions options, RedriveJournal journal, Cancellation cancellation, SendListener listener, String dltTopic,
            TargetTopics targets) {
            this.options = options;
            this.targets = targets;
            this.journal = journal;
            this.cancellation = cancellation;
            this.listener = listener;
            this.dltTopic = dltTopic;
        }

        /** Returns false to stop (cancelled). */
        boolean handle(PreparedRedrive prepared) {
            if (cancellation.isCancelled()) {
                return false;
            }
            switch (prepared) {
                case PreparedRedrive.AlreadySent s -> {
                    alreadySent++;
                    problem(s.letter(), "skipped: already sent", "redriven before (" + s.entry().status().name().toLowerCase()
                            + (s.entry().targetOffset() == null ? "" : " to " + s.entry().targetTopic() + "/" + s.entry().targetPartition()
                            + "@" + s.entry().targetOffset()) + "); use --force-resend to send it again");
                }
                case PreparedRedrive.OverMaxRedrives o -> {
                    overMax++;
                    problem(o.letter(), "skipped: redrive limit", "it already came back " + o.count() + " times (maximum "
                            + o.max() + "), so it is not sent again");
                }
                case PreparedRedrive.Refused r -> {
                    failed++;
                    problem(r.letter(), "failed", r.reason());
                }
                case PreparedRedrive.Ready ready -> {
                    return send(ready);
                }
            }
            return true;
        }

        private boolean send(PreparedRedrive.Ready ready) {
            if (previews.size() < options.previewSize()) {
                var r = ready.letter().record();
                previews.add(new RedriveReport.Preview(r.partition(), r.offset(), ready.outgoing().topic(), ready.outgoing().partition(),
                        ready.edited().valueDiff(), ready.edited().valueFormat()));
            }
            if (options.dryRun()) {
                sent++;
                return true;
            }
            if (sender == null) {
                String topic = ready.outgoing().topic();
                RecordSender started = early.take(topic);
                sender = started != null ? started : newSender(topic);
            }
            var r = ready.letter().record();
            Sent handed = new Sent(r.partition(), r.offset(), ready.redriveId(), ready.outgoing().topic());
            if (!sender.send(ready.outgoing(), (topic, partition, offset) ->
                    handed.acknowledged = new LandingCheck.Landing(topic, partition, offset))) {
                return false;
            }
            sent++;
            inFlight.add(handed);
            unjournaled.add(handed);
            if (sender.checkpointDue()) {
                sender.checkpoint();
                journalSent();
            }
            return true;
        }

        RecordSender newSender(String topic) {
            RecordSender created = new RecordSender(target, WriteAction.REDRIVE, topic, sendOptions, cancellation, listener);
            try {
                created.timestampType(topic, targets.info(topic).timestampType());
            } catch (RuntimeException unknownTopic) {
                // remembered by TargetTopics: the dead letters for this topic are refused with that message, none is sent
            }
            return created;
        }

        private Map<String, Object> auditDetails(RedriveSelection selection) {
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("source", source.settings().name() + "/" + dltTopic);
            audit.put("selection", selection.description());
            audit.put("edit", options.edit() == null ? "none" : options.edit().describe());
            audit.put("skippedAlreadySent", alreadySent);
            audit.put("skippedOverMax", overMax);
            audit.put("refused", failed);
            return audit;
        }

        /** A run that stopped on {@code cause} is audited with what its sender got written (nothing when none was sent). */
        void auditFailure(RuntimeException cause, RedriveSelection selection) {
            if (sender != null) {
                sender.auditFailure(cause, auditDetails(selection));
            }
        }

        SendResult finish(RedriveSelection selection) {
            if (sender == null) {
                return null;
            }
            SendResult result = sender.finish(auditDetails(selection));
            journalSent();
            // closing waits for requests still in flight: one the producer gave up on can still be written when the
            // broker gets to it (e.g. after a throttle), and the landing check must come after that
            sender.close();
            sender = null;
            Map<String, LandingCheck.Landing> found = Map.of();
            Map<String, Map<Integer, Long>> unacknowledgedTopics = new HashMap<>();
            for (Sent s : inFlight) {
                if (s.acknowledged == null) {
                    unacknowledgedTopics.computeIfAbsent(s.targetTopic, t -> targets.info(t).endsBefore());
                }
            }
            if (!unacknowledgedTopics.isEmpty()) {
                listener.onStep(JobStep.VERIFYING);
                found = LandingCheck.find(target, unacknowledgedTopics, Cancellation.none());
            }
            Map<String, String> brokerErrors = new HashMap<>();
            for (SendFailure f : result.failures()) {
                if (f.source() != null) {
                    brokerErrors.put(f.source().partition() + "@" + f.source().offset(), f.message());
                }
            }
            List<RedriveJournal.Entry> outcomes = new ArrayList<>();
            Instant now = Instant.now();
            for (Sent r : inFlight) {
                LandingCheck.Landing landing = r.acknowledged != null ? r.acknowledged : found.get(r.redriveId);
                if (landing != null) {
                    landed++;
                    outcomes.add(new RedriveJournal.Entry(r.partition, r.offset, RedriveJournal.Status.LANDED, r.redriveId,
                            landing.topic(), landing.partition(), landing.offset(), now));
                } else {
                    failed++;
                    String reason = brokerErrors.getOrDefault(r.partition + "@" + r.offset, "not found on the target after sending");
                    problem(r.partition, r.offset, "failed", "the target rejected it: " + reason);
                    outcomes.add(new RedriveJournal.Entry(r.partition, r.offset, RedriveJournal.Status.NOT_LANDED, r.redriveId,
                            r.targetTopic, null, null, now));
                }
            }
            journal.append(outcomes);
            return result;
        }

        /** Journals the records handed over since the last checkpoint as SENT; call once they are durable on the target. */
        private void journalSent() {
            Instant now = Instant.now();
            List<RedriveJournal.Entry> entries = new ArrayList<>(unjournaled.size());
            for (Sent s : unjournaled) {
                entries.add(new RedriveJournal.Entry(s.partition, s.offset, RedriveJournal.Status.SENT, s.redriveId,
                        s.targetTopic, null, null, now));
            }
            journal.append(entries);
            unjournaled.clear();
        }

        private void problem(DeadLetter letter, String outcome, String reason) {
            problem(letter.record().partition(), letter.record().offset(), outcome, reason);
        }

        private void problem(int partition, long offset, String outcome, String reason) {
            problemCount++;
            if (problems.size() < MAX_LISTED_PROBLEMS) {
                problems.add(new RedriveReport.Item(partition, offset, outcome, reason));
            }
        }

        @Override
        public void close() {
            if (sender != null) {
                sender.close();
            }
        }
    }
}
