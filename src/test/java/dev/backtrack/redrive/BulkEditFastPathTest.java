package dev.backtrack.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcuts that make a bulk redrive fast keep exact behaviour: strict UTF-8, one-field edits that copy only
 * the edited path and never touch their input, diffs that skip equal subtrees, schemaless payloads opened without
 * the decoder, and journal lines written without a JSON tree.
 */
class BulkEditFastPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void strictUtf8TellsAGenuineReplacementCharacterFromMalformedBytes() {
        assertThat(Utf8.strict("plain ascii".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain ascii");
        assertThat(Utf8.strict("Zürich – 東京".getBytes(StandardCharsets.UTF_8))).isEqualTo("Zürich – 東京");
        assertThat(Utf8.strict("a \uFFFD b".getBytes(StandardCharsets.UTF_8))).isEqualTo("a \uFFFD b");
        assertThat(Utf8.strict(new byte[] {'a', (byte) 0xc3, 0x28})).isNull();
        assertThat(Utf8.strict(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).as("an encoded surrogate").isNull();
        assertThat(Utf8.strict(new byte[0])).isEmpty();
    }

    @Test
    void setCopiesOnlyThePathAndLeavesTheInputAsItWas() throws Exception {
        JsonNode doc = JSON.readTree("{\"id\":1,\"customer\":{\"name\":\"a\",\"tags\":[\"x\",{\"k\":1}]},\"items\":[1,2]}");
        String before = doc.toString();
        JsonNode out = JsonEdits.set(doc, JsonPath.parse("customer.tags[1].k"), JSON.readTree("2"));
        out = JsonEdits.set(out, JsonPath.parse("shipping.city"), JSON.readTree("\"Rotterdam\""));
        assertThat(doc.toString()).isEqualTo(before);
        assertThat(out.toString()).isEqualTo("{\"id\":1,\"customer\":{\"name\":\"a\",\"tags\":[\"x\",{\"k\":2}]},\"items\":[1,2],"
                + "\"shipping\":{\"city\":\"Rotterdam\"}}");
        assertThat(out.get("items")).as("an untouched subtree is shared, not copied").isSameAs(doc.get("items"));
        assertThat(out.get("customer")).isNotSameAs(doc.get("customer"));
        assertThatThrownBy(() -> JsonEdits.set(doc, JsonPath.parse("id.x"), JSON.readTree("1"))).hasMessage("/id: is not an object or array");
        assertThatThrownBy(() -> JsonEdits.set(doc, JsonPath.parse("items[5]"), JSON.readTree("1")))
                .hasMessage("/items/5: array index 5 is out of range (0..1)");
        assertThat(doc.toString()).isEqualTo(before);
    }

    @Test
    void diffListsChangesInFieldOrderThenAddedFields() throws Exception {
        JsonNode a = JSON.readTree("{\"x\":1,\"same\":{\"deep\":[1,2,{\"z\":null}]},\"arr\":[1,2,3],\"gone\":null,\"obj\":{\"p\":1,\"q\":2}}");
        JsonNode b = JSON.readTree("{\"x\":2,\"same\":{\"deep\":[1,2,{\"z\":null}]},\"arr\":[1,5],\"obj\":{\"q\":2,\"p\":1,\"r\":3},\"new\":[]}");
        assertThat(StructuralDiff.diff(a, b)).extracting(StructuralDiff.Change::toString).containsExactly(
                "/x: 1 -> 2", "/arr/1: 2 -> 5", "/arr/2: 3 -> (absent)", "/gone: null -> (absent)", "/obj/r: (absent) -> 3",
                "/new: (absent) -> []");
        assertThat(StructuralDiff.diff(a, a.deepCopy())).isEmpty();
        assertThat(StructuralDiff.diff(JSON.readTree("[1]"), JSON.readTree("{\"0\":1}"))).extracting(StructuralDiff.Change::path)
                .containsExactly("");
    }

    @Test
    void schemalessPayloadsOpenWithoutTheDecoderAsBefore() {
        RecordEditor editor = new RecordEditor(RegistryPayloadCodec.of(null));
        EditedRecord json = editor.editValue(record(" {\"status\":\"FAILED\",\"n\":1.50} "),
                new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""))));
        assertThat(json.valueFormat()).isEqualTo("JSON");
        assertThat(new String(json.value(), StandardCharsets.UTF_8)).as("one field spliced in: 1.50 and the spaces stay as they were")
                .isEqualTo(" {\"status\":\"RETRY\",\"n\":1.50} ");
        EditedRecord twoFields = editor.editValue(record(" {\"status\":\"FAILED\",\"n\":1.50} "), new ValueEdit.SetFields(
                List.of(ValueEdit.Assignment.parse("status=\"RETRY\""), ValueEdit.Assignment.parse("m=1"))));
        assertThat(new String(twoFields.value(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"RETRY\",\"n\":1.5,\"m\":1}");
        assertThat(editor.openValue(record("\"quoted\"")).json().asText()).isEqualTo("quoted");
        assertThat(editor.openValue(record("{not json")).describe()).isEqualTo("text");
        assertThat(editor.openValue(record("{not json")).json().asText()).isEqualTo("{not json");
        RawRecord unchanged = record("{\"status\":\"RETRY\"}");
        EditedRecord same = editor.editValue(unchanged, new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""))));
        assertThat(same.value()).as("an edit that changes nothing keeps the original bytes").isSameAs(unchanged.value());
        assertThat(same.changed()).isFalse();
    }

    @Test
    void journalLinesEscapeWhatJsonNeedsAndReadBack() {
        RedriveJournal journal = RedriveJournal.open(dataDir, "local", "orders-dlt");
        Instant at = Instant.parse("2026-11-28T00:40:00.123456Z");
        RedriveJournal.Entry odd = new RedriveJournal.Entry(2, 41L, RedriveJournal.Status.SENT, "id \"quoted\" \\ \u0001 é", "t\tab",
                null, null, at);
        RedriveJournal.Entry landed = new RedriveJournal.Entry(0, 7L, RedriveJournal.Status.LANDED, "b5b1c3a0-0000-4000-8000-000000000001",
                "orders", 1, 99L, at);
        RedriveJournal.Entry noId = new RedriveJournal.Entry(1, 3L, RedriveJournal.Status.NOT_LANDED, null, null, null, null, at);
        journal.append(List.of(odd, landed, noId));
        RedriveJournal reopened = RedriveJournal.open(dataDir, "local", "orders-dlt");
        assertThat(reopened.find(2, 41)).contains(odd);
        assertThat(reopened.find(0, 7)).contains(landed);
        assertThat(reopened.find(1, 3)).contains(noId);
        assertThat(reopened.alreadyRedriven(1, 3)).isFalse();
    }

    private static RawRecord record(String value) {
        return new RawRecord("orders-dlt", 0, 0, 1L, TimestampType.CREATE_TIME, null, value.getBytes(StandardCharsets.UTF_8),
                List.of(RawHeader.utf8("kafka_dlt-original-topic", "orders")));
    }
}
