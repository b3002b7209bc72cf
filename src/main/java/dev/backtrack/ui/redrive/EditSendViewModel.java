package dev.backtrack.ui.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.codec.EncodeException;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.produce.ProduceResult;
import dev.backtrack.produce.RecordProducer;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterHeaders;
import dev.backtrack.redrive.EditException;
import dev.backtrack.redrive.EditablePayload;
import dev.backtrack.redrive.EditedRecord;
import dev.backtrack.redrive.RecordEditor;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.redrive.RegistryPayloadCodec;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Edit & send" of one dead letter: key and value as readable JSON (or plain text), the headers (dead-letter
 * headers dropped by default, as redrive does), validation against the record's own writer schema on every
 * change (errors with line and field), the diff of original vs edited, the target topic (default: the original
 * topic), and the send through the engine's {@link RecordProducer} (same writer schema and id, prod guard,
 * audit). The send carries Backtrack's redrive provenance headers and is written to the redrive journal, so the
 * triage marks it as redriven.
 */
public final class EditSendViewModel {
    private final KafkaClients clients;
    private final UiExecutor ui;
    private final Path dataDir;
    private final RecordEditor editor;
    private final RecordProducer producer;
    private final StringProperty keyText = new SimpleStringProperty("");
    private final StringProperty valueText = new SimpleStringProperty("");
    private final StringProperty keyFormat = new SimpleStringProperty("");
    private final StringProperty valueFormat = new SimpleStringProperty("");
    private final StringProperty targetTopic = new SimpleStringProperty("");
    private final BooleanProperty keepDeadLetterHeaders = new SimpleBooleanProperty(false);
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();
    private final ObservableList<DiffRow> diff = FXCollections.observableArrayList();
    private final StringProperty validation = new SimpleStringProperty();
    private final IntegerProperty errorLine = new SimpleIntegerProperty();
    private final StringProperty errorPart = new SimpleStringProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty journalNote = new SimpleStringProperty();
    private final StringProperty result = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty refused = new SimpleBooleanProperty();
    private final ObjectProperty<ProduceResult> sent = new SimpleObjectProperty<>();
    private DeadLetter letter;
    private Opened opened;
    private boolean keyIsText;
    private boolean valueIsText;
    private int validations;

    public EditSendViewModel(KafkaClients clients, UiExecutor ui, Path dataDir) {
        this.clients = clients;
        this.ui = ui;
        this.dataDir = dataDir;
        this.editor = new RecordEditor(RegistryPayloadCodec.of(clients.settings().registry()));
        this.producer = new RecordProducer(clients);
        keepDeadLetterHeaders.addListener((o, a, keep) -> {
            if (letter != null) {
                applyHeaderPolicy(keep);
            }
        });
    }

    private record Opened(EditablePayload key, EditablePayload value, RedriveJournal.Entry journal) {
    }

    /** Opens a dead letter for editing (decoding in the background); the texts and headers fill in when done. */
    public void open(DeadLetter deadLetter) {
        this.letter = deadLetter;
        ready.set(false);
        busy.set(true);
        error.set(null);
        result.set(null);
        sent.set(null);
        RawRecord r = deadLetter.record();
        targetTopic.set(deadLetter.originalTopic().orElse(""));
        fillHeaders(keepDeadLetterHeaders.get());
        ui.supply(() -> new Opened(editor.openKey(r), editor.openValue(r),
                RedriveJournal.open(dataDir, clients.settings().name(), r.topic()).find(r.partition(), r.offset()).orElse(null)), o -> {
            busy.set(false);
            opened = o;
            keyIsText = "text".equals(o.key().describe());
            valueIsText = "text".equals(o.value().describe());
            keyFormat.set(o.key().describe());
            valueFormat.set(o.value().describe());
            journalNote.set(o.journal() == null || !o.journal().alreadyRedriven() ? null
                    : "Already redriven (" + new LetterRow(deadLetter, o.journal()).redriveState() + " at " + o.journal().at()
                    + "): sending again writes another copy.");
            keyText.set(EditorText.show(o.key().json(), keyIsText));
            valueText.set(EditorText.show(o.value().json(), valueIsText));
            ready.set(true);
            validate();
        }, e -> {
            busy.set(false);
            error.set(e.getMessage());
        });
    }

    /** On open: the business headers, then the dead-letter headers when kept. */
    private void fillHeaders(boolean keep) {
        List<HeaderRow> rows = new ArrayList<>();
        for (RawHeader h : letter.record().headers()) {
            if (!DeadLetterHeaders.isErrorHeader(h.key()) && !DeadLetterHeaders.isRedriveHeader(h.key())) {
                rows.add(HeaderRow.of(h, false));
            }
        }
        headers.setAll(rows);
        applyHeaderPolicy(keep);
    }

    /** Adds the dead-letter headers (as they came, at the end) or removes them; the other rows stay as edited. */
    private void applyHeaderPolicy(boolean keep) {
        headers.removeIf(HeaderRow::deadLetter);
        if (keep) {
            letter.record().headers().stream().filter(h -> DeadLetterHeaders.isErrorHeader(h.key()))
                    .forEach(h -> headers.add(HeaderRow.of(h, true)));
        }
        validate();
    }

    /** The headers as the table holds them, in order, blank names left out. */
    public List<RawHeader> headerList() {
        return headers.stream().filter(h -> h.nameProperty().get() != null && !h.nameProperty().get().isBlank())
                .map(HeaderRow::toRaw).toList();
    }

    public void addHeader() {
        headers.add(HeaderRow.added("header", ""));
    }

    /**
     * Validates the current texts against the record's writer schema and recomputes the diff; results arrive on
     * the FX thread, stale ones (the text changed again meanwhile) are dropped.
     */
    public void validate() {
        if (letter == null || !ready.get()) {
            return;
        }
        int gen = ++validations;
        String k = keyText.get();
        String v = valueText.get();
        List<RawHeader> hs = headerList();
        ui.supply(() -> preview(k, v, hs), edited -> {
            if (gen != validations) {
                return;
            }
            valid.set(true);
            validation.set(null);
            errorLine.set(0);
            errorPart.set(null);
            diff.setAll(diffRows(edited));
        }, e -> {
            if (gen != validations) {
                return;
            }
            valid.set(false);
            validation.set(e.getMessage());
            if (e instanceof EditorText.Invalid invalid) {
                errorLine.set(invalid.line());
                errorPart.set(invalid.getMessage().startsWith("key") ? "key" : "value");
            } else {
                errorLine.set(e instanceof EncodeException ee ? EditorText.lineOf(ee.path(), v)
                        : e instanceof EditException ed ? EditorText.lineOf(ed.path(), v) : 0);
                errorPart.set("value");
            }
        });
    }

    private EditedRecord preview(String k, String v, List<RawHeader> hs) {
        JsonNode key = EditorText.alignNumbers(opened.key().json(), EditorText.parse(k, keyIsText, "key"));
        JsonNode value = EditorText.alignNumbers(opened.value().json(), EditorText.parse(v, valueIsText, "value"));
        return editor.edit(letter.record(), new ValueEdit.Replace(key), new ValueEdit.Replace(value), hs);
    }

    private List<DiffRow> diffRows(EditedRecord edited) {
        List<DiffRow> rows = new ArrayList<>();
        edited.keyDiff().forEach(c -> rows.add(DiffRow.of("key", c)));
        edited.valueDiff().forEach(c -> rows.add(DiffRow.of("value", c)));
        List<RawHeader> before = letter.record().headers();
        List<RawHeader> after = edited.headers();
        long droppedDeadLetterHeaders = 0;
        for (RawHeader h : before) {
            if (after.stream().noneMatch(a -> a.key().equals(h.key()))) {
                if (DeadLetterHeaders.isErrorHeader(h.key())) {
                    droppedDeadLetterHeaders++;
                } else {
                    rows.add(new DiffRow("header", h.key(), "removed", HeaderRow.text(h.value()), ""));
                }
            }
        }
        if (droppedDeadLetterHeaders > 0) {
            rows.add(new DiffRow("header", "dead-letter headers", "removed", droppedDeadLetterHeaders + " headers", "dropped"));
        }
        for (RawHeader a : after) {
            RawHeader was = before.stream().filter(h -> h.key().equals(a.key())).findFirst().orElse(null);
            if (was == null) {
                rows.add(new DiffRow("header", a.key(), "added", "", HeaderRow.text(a.value())));
            } else if (!java.util.Arrays.equals(was.value(), a.value())) {
                rows.add(new DiffRow("header", a.key(), "changed", HeaderRow.text(was.value()), HeaderRow.text(a.value())));
            }
        }
        return rows;
    }

    /** Sends the edited record to the target topic; an invalid edit is refused with the validation message. */
    public void send() {
        if (letter == null || !ready.get() || busy.get()) {
            return;
        }
        String target = targetTopic.get() == null ? "" : targetTopic.get().strip();
        if (target.isEmpty()) {
            error.set("Choose a target topic: the headers do not say where this dead letter came from.");
            return;
        }
        String k = keyText.get();
        String v = valueText.get();
        List<RawHeader> hs = headerList();
        DeadLetter l = letter;
        busy.set(true);
        error.set(null);
        refused.set(false);
        result.set(null);
        ui.supply(() -> sendNow(l, k, v, hs, target), r -> {
            busy.set(false);
            sent.set(r);
            result.set("Sent to " + r.topic() + " partition " + r.partition() + " at offset " + r.offset()
                    + (r.valueSchemaId() != null ? " (schema id " + r.valueSchemaId() + ")" : "")
                    + (r.valueDiff().isEmpty() ? ", value unchanged" : ", " + r.valueDiff().size() + " value change(s)"));
            journalNote.set("Redriven: journaled as landed " + r.topic() + "/" + r.partition() + "@" + r.offset() + ".");
        }, e -> {
            busy.set(false);
            refused.set(e instanceof WriteRefusedException);
            error.set((e instanceof WriteRefusedException ? "Refused by the prod guard: " : "Not sent: ") + e.getMessage());
        });
    }

    private ProduceResult sendNow(DeadLetter l, String k, String v, List<RawHeader> hs, String target) {
        JsonNode key = EditorText.alignNumbers(opened.key().json(), EditorText.parse(k, keyIsText, "key"));
        JsonNode value = EditorText.alignNumbers(opened.value().json(), EditorText.parse(v, valueIsText, "value"));
        RawRecord r = l.record();
        String redriveId = UUID.randomUUID().toString();
        int count = (l.redriveCount() == null ? 0 : l.redriveCount()) + 1;
        List<RawHeader> out = new ArrayList<>(hs.stream().filter(h -> !DeadLetterHeaders.isRedriveHeader(h.key())).toList());
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_SOURCE, r.topic() + "/" + r.partition() + "/" + r.offset()));
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_ID, redriveId));
        out.add(RawHeader.utf8(DeadLetterHeaders.REDRIVE_COUNT, Integer.toString(count)));
        ProduceResult sentTo = producer.editAndResend(r, new ValueEdit.Replace(key), new ValueEdit.Replace(value), out, target);
        try {
            RedriveJournal.open(dataDir, clients.settings().name(), r.topic()).append(List.of(new RedriveJournal.Entry(r.partition(),
                    r.offset(), RedriveJournal.Status.LANDED, redriveId, sentTo.topic(), sentTo.partition(), sentTo.offset(), Instant.now())));
        } catch (BacktrackException e) {
            throw new BacktrackException("sent to " + sentTo.topic() + "/" + sentTo.partition() + "@" + sentTo.offset()
                    + " but " + e.getMessage(), e);
        }
        return sentTo;
    }

    public DeadLetter letter() {
        return letter;
    }

    public StringProperty keyTextProperty() {
        return keyText;
    }

    public StringProperty valueTextProperty() {
        return valueText;
    }

    public StringProperty keyFormatProperty() {
        return keyFormat;
    }

    public StringProperty valueFormatProperty() {
        return valueFormat;
    }

    public StringProperty targetTopicProperty() {
        return targetTopic;
    }

    public BooleanProperty keepDeadLetterHeadersProperty() {
        return keepDeadLetterHeaders;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    public ObservableList<DiffRow> diff() {
        return diff;
    }

    public StringProperty validationProperty() {
        return validation;
    }

    public IntegerProperty errorLineProperty() {
        return errorLine;
    }

    public StringProperty errorPartProperty() {
        return errorPart;
    }

    public BooleanProperty validProperty() {
        return valid;
    }

    public BooleanProperty readyProperty() {
        return ready;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty journalNoteProperty() {
        return journalNote;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty refusedProperty() {
        return refused;
    }

    public ObjectProperty<ProduceResult> sentProperty() {
        return sent;
    }
}
