package dev.backtrack.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.codec.EncodeException;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Single and bulk edits re-encode with the original writer schema id (real registry) and decode back to the edit. */
class RecordEditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int schemaId;
    private static RecordEditor editor;

    @BeforeAll
    static void setUp() {
        schemaId = AvroFixtures.register();
        editor = new RecordEditor(RegistryPayloadCodec.of(AvroFixtures.registry()));
    }

    private static RawRecord avroRecord(long id, String note) {
        byte[] value = AvroFixtures.frame(schemaId, AvroFixtures.payment(id, "c-" + id, 10.5, "FAILED", note));
        return new RawRecord("payments-dlt", 0, id, 1L, TimestampType.CREATE_TIME, "k".getBytes(StandardCharsets.UTF_8), value,
                List.of(RawHeader.utf8("kafka_dlt-exception-fqcn", "x")));
    }

    @Test
    void singleEditReplacesTheValueKeepsTheSchemaIdAndShowsTheDiff() {
        RawRecord record = avroRecord(1, null);
        EditablePayload opened = editor.openValue(record);
        assertThat(opened.schemaId()).isEqualTo(schemaId);
        assertThat(opened.describe()).isEqualTo("Avro (schema id " + schemaId + ")");
        assertThat(opened.json().get("customer").asText()).isEqualTo("c-1");
        ObjectNode edited = opened.json().deepCopy();
        edited.put("status", "RETRY");
        edited.put("note", "fixed by hand");

        EditedRecord result = editor.edit(record, null, new ValueEdit.Replace(edited), null);
        assertThat(result.valueDiff()).extracting(StructuralDiff.Change::toString)
                .containsExactly("/status: \"FAILED\" -> \"RETRY\"", "/note: null -> \"fixed by hand\"");
        assertThat(AvroFixtures.schemaId(result.value())).isEqualTo(schemaId);
        GenericRecord back = AvroFixtures.read(result.value());
        assertThat(back.get("status").toString()).isEqualTo("RETRY");
        assertThat(back.get("note").toString()).isEqualTo("fixed by hand");
        assertThat(back.get("id")).isEqualTo(1L);
        assertThat(result.key()).isEqualTo(record.key());
        assertThat(result.headers()).isEqualTo(record.headers());
    }

    @Test
    void anEditThatChangesNothingKeepsTheOriginalBytes() {
        RawRecord record = avroRecord(2, "n");
        EditedRecord result = editor.editValue(record, new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"FAILED\""))));
        assertThat(result.valueDiff()).isEmpty();
        assertThat(result.value()).isSameAs(record.value());
    }

    @Test
    void bulkEditsSetPatchAndCelDecodeBackToTheEditedValues() throws Exception {
        ValueEdit set = new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""),
                ValueEdit.Assignment.parse("$.amount=99.25")));
        ValueEdit patch = new ValueEdit.Patch(JSON.readTree("""
                [{"op":"test","path":"/status","value":"FAILED"},
                 {"op":"replace","path":"/customer","value":"acme"},
                 {"op":"replace","path":"/note","value":"patched"}]"""));
        ValueEdit cel = CelValueEdit.compile("""
                {"id": value.id + 1000, "customer": value.customer + "-x", "amount": value.amount * 2.0, "status": "CEL", "note": null}""");
        for (int i = 0; i < 3; i++) {
            RawRecord record = avroRecord(10 + i, "orig");
            GenericRecord s = AvroFixtures.read(editor.editValue(record, set).value());
            assertThat(s.get("status").toString()).isEqualTo("RETRY");
            assertThat(s.get("amount")).isEqualTo(99.25);
            EditedRecord p = editor.editValue(record, patch);
            assertThat(AvroFixtures.schemaId(p.value())).isEqualTo(schemaId);
            assertThat(AvroFixtures.read(p.value()).get("customer").toString()).isEqualTo("acme");
            assertThat(AvroFixtures.read(p.value()).get("note").toString()).isEqualTo("patched");
            GenericRecord c = AvroFixtures.read(editor.editValue(record, cel).value());
            assertThat(c.get("id")).isEqualTo(1010L + i);
            assertThat(c.get("customer").toString()).isEqualTo("c-" + (10 + i) + "-x");
            assertThat(c.get("amount")).isEqualTo(21.0);
            assertThat(c.get("note")).isNull();
        }
    }

    @Test
    void validationErrorsPointToTheField() {
        RawRecord record = avroRecord(3, null);
        ValueEdit bad = new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("amount=\"lots\"")));
        assertThatThrownBy(() -> editor.editValue(record, bad)).isInstanceOf(EncodeException.class)
                .satisfies(e -> assertThat(((EncodeException) e).path()).isEqualTo("$.amount"));
        ValueEdit missing = new ValueEdit.Patch(jsonArray("[{\"op\":\"replace\",\"path\":\"/nope/deeper\",\"value\":1}]"));
        assertThatThrownBy(() -> editor.editValue(record, missing)).isInstanceOf(EditException.class)
                .hasMessage("/nope: no such element");
    }

    @Test
    void plainJsonAndTextValues() {
        RawRecord json = new RawRecord("t", 0, 0, 1L, TimestampType.CREATE_TIME, null,
                "{\"a\":{\"b\":[1,2]},\"c\":\"x\"}".getBytes(StandardCharsets.UTF_8), List.of());
        EditedRecord e = editor.editValue(json, new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("a.b[1]=5"),
                ValueEdit.Assignment.parse("/d~1e=true"))));
        assertThat(new String(e.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":{\"b\":[1,5]},\"c\":\"x\",\"d/e\":true}");
        assertThat(e.valueDiff()).extracting(StructuralDiff.Change::path).containsExactly("/a/b/1", "/d~1e");

        RawRecord text = new RawRecord("t", 0, 0, 1L, TimestampType.CREATE_TIME, null, "hello".getBytes(StandardCharsets.UTF_8), List.of());
        EditedRecord t = editor.edit(text, null, new ValueEdit.Replace(JSON.getNodeFactory().textNode("bye")), null);
        assertThat(t.value()).isEqualTo("bye".getBytes(StandardCharsets.UTF_8));
        RawRecord binary = new RawRecord("t", 0, 0, 1L, TimestampType.CREATE_TIME, null, new byte[] {(byte) 0xc3, 0x28}, List.of());
        assertThatThrownBy(() -> editor.openValue(binary)).hasMessageContaining("binary");
    }

    @Test
    void jsonPatchOperations() throws Exception {
        JsonNode doc = JSON.readTree("{\"a\":[1,2,3],\"b\":{\"c\":1}}");
        JsonNode out = JsonEdits.patch(doc, JSON.readTree("""
                [{"op":"add","path":"/a/1","value":9},{"op":"remove","path":"/a/0"},{"op":"move","from":"/b/c","path":"/d"},
                 {"op":"copy","from":"/d","path":"/e"},{"op":"add","path":"/a/-","value":4}]"""));
        assertThat(out.toString()).isEqualTo("{\"a\":[9,2,3,4],\"b\":{},\"d\":1,\"e\":1}");
        assertThat(doc.toString()).isEqualTo("{\"a\":[1,2,3],\"b\":{\"c\":1}}");
        assertThatThrownBy(() -> JsonEdits.patch(doc, JSON.readTree("[{\"op\":\"test\",\"path\":\"/b/c\",\"value\":2}]")))
                .hasMessage("/b/c: test failed: expected 2, found 1");
        assertThatThrownBy(() -> JsonEdits.patch(doc, JSON.readTree("[{\"op\":\"replace\",\"path\":\"/a/7\",\"value\":2}]")))
                .hasMessage("/a/7: array index 7 is out of range (0..2)");
    }

    private static JsonNode jsonArray(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
