package dev.backtrack.redrive;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.OutgoingRecord;
import dev.backtrack.replay.SourceRef;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Decides, per dead letter, what a redrive does: resolves the target, consults the journal and the redrive
 * count, applies the edit, picks partition and timestamp, and builds the headers (dead-letter headers stripped
 * unless kept; old provenance replaced by {@code backtrack.redrive.source}/{@code .id}/{@code .count}).
 */
final class RedrivePreparer {
    private final RedriveOptions options;
    private final RedriveJournal journal;
    private final RecordEditor editor;
    private final TargetTopics targets;
    private final String sourceCluster;
    // random (version 4) UUIDs without a SecureRandom call per record: seeded once from the secure source
    private final SplittableRandom ids = new SplittableRandom(new SecureRandom().nextLong());

    RedrivePreparer(RedriveOptions options, RedriveJournal journal, RecordEditor editor, TargetTopics targets, String sourceCluster) {
        this.options = options;
        this.journal = journal;
        this.editor = editor;
        this.targets = targets;
        this.sourceCluster = sourceCluster;
    }

    PreparedRedrive prepare(DeadLetter letter) {
        RawRecord record = letter.record();
        Optional<String> target = options.targetTopic() != null ? Optional.of(options.targetTopic()) : letter.originalTopic();
        if (target.isEmpty()) {
            return new PreparedRedrive.Refused(letter, "neither the headers nor the topic name say which topic it came from; choose a target topic");
        }
        if (!options.forceResend()) {
            Optional<RedriveJournal.Entry> entry = journal.find(record.partition(), record.offset());
            if (entry.isPresent() && entry.get().alreadyRedriven()) {
                return new PreparedRedrive.AlreadySent(letter, entry.get());
            }
        }
        if (letter.redriveCount() == null) {
            return new PreparedRedrive.Refused(letter, "its " + DeadLetterHeaders.REDRIVE_COUNT + " header is malformed, so it could be looping");
        }
        if (letter.redriveCount() >= options.maxRedrives()) {
            return new PreparedRedrive.OverMaxRedrives(letter, letter.redriveCount(), options.maxRedrives());
        }
        TargetTopics.Info info;
        try {
            info = targets.info(target.get());
        } catch (BacktrackException e) {
            return new PreparedRedrive.Refused(letter, e.getMessage());
        }
        Integer partition = null;
        if (options.partitioning() == RedriveOptions.Partitioning.ORIGINAL) {
            if (letter.origin() == null || letter.origin().partition() == null) {
                return new PreparedRedrive.Refused(letter, "the headers carry no original partition");
            }
            partition = letter.origin().partition();
            if (partition < 0 || partition >= info.partitions()) {
                return new PreparedRedrive.Refused(letter, "original partition " + partition + " does not exist in " + info.topic()
                        + " (it has " + info.partitions() + " partitions now)");
            }
        }
        Long timestamp = null;
        if (options.timestamps() == RedriveOptions.Timestamps.KEEP) {
            timestamp = originalTimestamp(letter);
            if (timestamp == null) {
                return new PreparedRedrive.Refused(letter, "the headers carry no original timestamp");
            }
            Optional<String> rejected = info.rejects(timestamp, System.currentTimeMillis());
            if (rejected.isPresent()) {
                return new PreparedRedrive.Refused(letter, rejected.get());
            }
        }
        EditedRecord edited;
        try {
            edited = options.edit() == null ? EditedRecord.unchanged(record) : editor.editValue(record, options.edit());
        } catch (BacktrackException e) {
            return new PreparedRedrive.Refused(letter, "edit failed: " + e.getMessage());
        }
        String redriveId = nextRedriveId();
        List<RawHeader> headers = headers(edited.headers(), record, redriveId, letter.redriveCount() + 1);
        SourceRef source = new SourceRef(sourceCluster, record.topic(), record.partition(), record.offset(), record.timestamp());
        OutgoingRecord out = new OutgoingRecord(target.get(), partition, edited.key(), edited.value(), headers, timestamp, source);
        return new PreparedRedrive.Ready(letter, out, redriveId, edited);
    }

    private List<RawHeader> headers(List<RawHeader> in, RawRecord record, String redriveId, int count) {
        List<RawHeader> out = new ArrayList<>(in.size() + 3);
        for (RawHeader h : in) {
            if (DeadLetterHeaders.isRedriveHeader(h.key())) {
                continue;
            }
            if (!options.keepDeadLetterHeaders() && DeadLetterHeaders.isErrorHeader(h.key())) {
                continue;
            }
            out.add(h);
        }
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_SOURCE, record.topic() + "/" + record.partition() + "/" + record.offset()));
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_ID, redriveId));
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_COUNT, Integer.toString(count)));
        return out;
    }

    private String nextRedriveId() {
        long msb = ids.nextLong() & ~0xF000L | 0x4000L;
        long lsb = ids.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    /** Spring keeps it in a header; Kafka Connect keeps the original timestamp on the dead-letter record itself. */
    private static Long originalTimestamp(DeadLetter letter) {
        if (letter.origin() != null && letter.origin().timestamp() != null) {
            return letter.origin().timestamp();
        }
        if (letter.conventions().contains(Convention.KAFKA_CONNECT)) {
            return letter.record().timestamp();
        }
        return null;
    }
}
