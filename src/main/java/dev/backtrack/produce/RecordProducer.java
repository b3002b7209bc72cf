package dev.backtrack.produce;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.EncodedPart;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.ValueEncoder;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.redrive.EditedRecord;
import dev.backtrack.redrive.RecordEditor;
import dev.backtrack.redrive.RegistryPayloadCodec;
import dev.backtrack.redrive.StructuralDiff;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.replay.OutgoingRecord;
import dev.backtrack.replay.RecordSender;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendOptions;
import dev.backtrack.replay.SendResult;
import dev.backtrack.replay.SourceRef;
import dev.backtrack.replay.TargetStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Produces single records through the shared {@link RecordSender} (idempotent, acks=all, prod guard, audit
 * entry): a new record from a {@link ProduceRequest} (registry formats encoded by subject version and
 * validated field by field), a browsed record resent as it is, or a browsed record edited and resent with the
 * same writer schema and id (the redrive edit machinery).
 */
public final class RecordProducer {
    private final KafkaClients clients;
    private final ValueEncoder encoder;
    private final RecordEditor editor;

    public RecordProducer(KafkaClients clients) {
        this.clients = clients;
        this.encoder = new ValueEncoder(clients.settings().registry());
        this.editor = new RecordEditor(new RegistryPayloadCodec(new RecordDecoder(clients.settings().registry()), encoder));
    }

    /** The key and value bytes a request encodes to, with any schema-id header; nothing is sent. */
    public OutgoingRecord encode(ProduceRequest request) {
        List<RawHeader> headers = new ArrayList<>(request.headers());
        byte[] key = encode(request.key(), true, headers);
        byte[] value = encode(request.value(), false, headers);
        return new OutgoingRecord(request.topic(), request.partition(), key, value, headers, request.timestamp(), null);
    }

    public ProduceResult produce(ProduceRequest request) {
        OutgoingRecord out = encode(request);
        Integer schemaId = request.value() instanceof ProducePayload.BySubject && out.value() != null
                ? WireFormat.prefix(out.value()).id() : null;
        return send(out, "produce", schemaId, List.of());
    }

    /**
     * Sends a browsed record again as it is: same key, value and headers, to {@code topic} (its own topic when
     * null), partition by key, timestamp now.
     */
    public ProduceResult resend(RawRecord record, String topic) {
        String target = topic == null ? record.topic() : topic;
        OutgoingRecord out = new OutgoingRecord(target, null, record.key(), record.value(), record.headers(), null, source(record));
        return send(out, "resend " + record.coordinates(), null, List.of());
    }

    /** What an edit-and-resend would send: the edited record and its diff; nothing is sent. */
    public EditedRecord previewEdit(RawRecord record, ValueEdit keyEdit, ValueEdit valueEdit, List<RawHeader> headers) {
        return editor.edit(record, keyEdit, valueEdit, headers);
    }

    /** Edits a browsed record (value re-encoded with its own writer schema and id) and sends it; a null edit keeps that part. */
    public ProduceResult editAndResend(RawRecord record, ValueEdit keyEdit, ValueEdit valueEdit, List<RawHeader> headers, String topic) {
        EditedRecord edited = editor.edit(record, keyEdit, valueEdit, headers);
        String target = topic == null ? record.topic() : topic;
        OutgoingRecord out = new OutgoingRecord(target, null, edited.key(), edited.value(), edited.headers(), null, source(record));
        Integer schemaId = out.value() != null && out.value().length > 5 && out.value()[0] == WireFormat.MAGIC_V0
                && !edited.valueDiff().isEmpty() ? WireFormat.prefix(out.value()).id() : null;
        return send(out, "edit and resend " + record.coordinates(), schemaId, edited.valueDiff());
    }

    private byte[] encode(ProducePayload payload, boolean key, List<RawHeader> headers) {
        return switch (payload) {
            case ProducePayload.Plain plain -> ValueEncoder.encodePlain(plain.format(), plain.text());
            case ProducePayload.BySubject s -> {
                EncodedPart part = encoder.encodeForSubject(s.subject(), s.version(), s.protobufMessage(), ValueEncoder.parseJson(s.json()), key);
                if (part.schemaIdHeader() != null) {
                    headers.removeIf(h -> h.key().equals(part.schemaIdHeader().key()));
                    headers.add(part.schemaIdHeader());
                }
                yield part.bytes();
            }
        };
    }

    private ProduceResult send(OutgoingRecord out, String what, Integer schemaId, List<StructuralDiff.Change> diff) {
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, out.topic(), SendOptions.defaults(),
                Cancellation.none(), SendListener.NONE)) {
            sender.send(out);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("what", what);
            result = sender.finish(audit);
        }
        if (result.failed() > 0 || result.targets().isEmpty()) {
            String reason = result.failures().isEmpty() ? "no acknowledgement" : result.failures().getFirst().message();
            throw new BacktrackException("the record was not written to " + out.topic() + ": " + reason);
        }
        var entry = result.targets().entrySet().iterator().next();
        TargetStats stats = entry.getValue();
        // read back: the broker's stored timestamp (LogAppendTime topics overwrite the one sent)
        return new ProduceResult(entry.getKey().topic(), entry.getKey().partition(), stats.firstOffset(),
                readTimestamp(entry.getKey().topic(), entry.getKey().partition(), stats.firstOffset()), schemaId, diff);
    }

    private long readTimestamp(String topic, int partition, long offset) {
        long[] ts = {System.currentTimeMillis()};
        new dev.backtrack.browse.RangeReader(clients, org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED).read(topic,
                List.of(new dev.backtrack.browse.PartitionRange(partition, offset, offset + 1)), batch -> {
                    batch.forEach(r -> ts[0] = r.timestamp());
                    return true;
                }, Cancellation.none());
        return ts[0];
    }

    private static SourceRef source(RawRecord record) {
        return new SourceRef("browse", record.topic(), record.partition(), record.offset(), record.timestamp());
    }
}
