package dev.backtrack.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.OutgoingRecord;
import dev.backtrack.replay.RecordSender;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendOptions;
import dev.backtrack.replay.SendResult;
import dev.backtrack.replay.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Replays a journey's records with the replay machinery ({@link RecordSender}: idempotent, acks=all,
 * counts and checksums, audited, prod guard): each record to its own topic and partition (re-injecting the
 * flow, e.g. on a dev cluster that has the same topics), or all of them to one chosen topic (by key). Keys,
 * values, headers in order and original timestamps are kept; provenance headers
 * ({@code backtrack.replay.source}, {@code backtrack.replay.id}) say where each record came from.
 */
public final class JourneyReplay {
    /** Where the journey's records go. */
    public sealed interface Target {
        /** Each record to the topic and partition it was read from. */
        record OwnTopics() implements Target {
        }

        /** Every record to this topic, partitioned by key by the producer. */
        record OneTopic(String topic) implements Target {
            public OneTopic {
                if (topic == null || topic.isBlank()) {
                    throw new BacktrackException("choose the topic to replay the journey into");
                }
            }
        }
    }

    /** The send's figures plus the replay id written in the provenance headers. */
    public record Result(String replayId, SendResult send) {
    }

    private JourneyReplay() {
    }

    /** The records as they will be sent (for a preview and for tests). */
    public static List<OutgoingRecord> plan(Journey journey, String sourceCluster, Target target, String replayId) {
        Objects.requireNonNull(journey, "journey");
        List<OutgoingRecord> out = new ArrayList<>(journey.steps().size());
        byte[] id = replayId.getBytes(StandardCharsets.UTF_8);
        for (JourneyStep step : journey.steps()) {
            RawRecord r = step.record().raw();
            SourceRef source = new SourceRef(sourceCluster, r.topic(), r.partition(), r.offset(), r.timestamp());
            List<RawHeader> headers = new ArrayList<>(r.headers());
            headers.add(new RawHeader(HeaderPolicy.SOURCE_HEADER, source.coordinates().getBytes(StandardCharsets.UTF_8)));
            headers.add(new RawHeader(HeaderPolicy.ID_HEADER, id));
            String topic = target instanceof Target.OneTopic(String chosen) ? chosen : r.topic();
            Integer partition = target instanceof Target.OwnTopics ? r.partition() : null;
            out.add(new OutgoingRecord(topic, partition, r.key(), r.value(), headers, r.timestamp(), source));
        }
        return out;
    }

    /** Sends the journey's records in timeline order; returns counts and checksums. */
    public static Result run(Journey journey, String sourceCluster, KafkaClients targetClients, Target target,
                             Cancellation cancellation, SendListener listener) {
        if (journey.steps().isEmpty()) {
            throw new BacktrackException("the journey has no records to replay");
        }
        String replayId = "journey-" + UUID.randomUUID().toString().substring(0, 13);
        List<OutgoingRecord> records = plan(journey, sourceCluster, target, replayId);
        String auditTopic = target instanceof Target.OneTopic(String chosen) ? chosen : String.join(",", journey.topics());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("journey", journey.correlation().describe());
        details.put("replayId", replayId);
        details.put("records", records.size());
        try (RecordSender sender = new RecordSender(targetClients, WriteAction.REPLAY, auditTopic, SendOptions.defaults(),
                cancellation, listener)) {
            try {
                for (OutgoingRecord r : records) {
                    if (cancellation.isCancelled() || !sender.send(r)) {
                        break;
                    }
                }
                return new Result(replayId, sender.finish(details));
            } catch (RuntimeException e) {
                // what was written before the failure is audited, with the cause
                sender.auditFailure(e, details);
                throw e;
            }
        }
    }
}
