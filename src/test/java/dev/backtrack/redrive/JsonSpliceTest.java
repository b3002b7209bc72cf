package dev.backtrack.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Setting one field by splicing the value's bytes must give the document, the diff and the format the tree path
 * gives, keep every other byte as it was, and step aside whenever it could differ.
 */
class JsonSpliceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NAMES = {"id", "status", "a", "b", "ünï", "q\"uote", "x y"};

    @Property(tries = 3000)
    void agreesWithTheTreePathOnRandomDocuments(@ForAll long seed) throws Exception {
        RandomCase c = RandomCase.of(seed);
        if (c == null) {
            return;
        }
        Random random = c.random();
        ObjectNode doc = c.doc();
        List<String> path = c.path();
        ObjectMapper writer = random.nextBoolean() ? PRETTY : JSON;
        byte[] bytes = writer.writeValueAsBytes(doc);
        JsonPath at = new JsonPath(path);
        JsonNode value = random.nextInt(4) == 0 ? JsonEdits.get(doc, at).deepCopy() : randomValue(random, 1);

        JsonSplice.Result spliced = JsonSplice.set(bytes, at, value);
        assertThat(spliced).as("an existing field of an object with unique names").isNotNull();

        JsonNode edited = JsonEdits.set(doc, at, value);
        List<StructuralDiff.Change> treeDiff = StructuralDiff.diff(doc, edited);
        assertThat(spliced.diff()).isEqualTo(treeDiff);
        assertThat(JSON.readTree(spliced.bytes())).isEqualTo(edited);
        if (treeDiff.isEmpty()) {
            assertThat(spliced.bytes()).isSameAs(bytes);
        } else if (writer == JSON) {
            assertThat(spliced.bytes()).as("compact in, compact out").isEqualTo(JSON.writeValueAsBytes(edited));
        } else {
            // the old value's span: what the document loses when that value becomes null (4 bytes) in the same layout
            int span = bytes.length - writer.writeValueAsBytes(JsonEdits.set(doc, at, NODES.nullNode())).length + 4;
            assertThat(keptAroundTheEdit(bytes, spliced.bytes())).as("bytes outside the edited value are untouched")
                    .isGreaterThanOrEqualTo(bytes.length - span);
        }
    }

    /** A random document and a path to one of its fields (null when the document has no field), with the generator to go on with. */
    private record RandomCase(Random random, ObjectNode doc, List<String> path) {
        static RandomCase of(long seed) {
            Random random = new Random(seed);
            ObjectNode doc = randomObject(random, 0);
            List<String> path = randomExistingPath(random, doc);
            return path.isEmpty() ? null : new RandomCase(random, doc, path);
        }
    }

    /** Bytes that make or break JSON, for mutating valid documents into almost-valid ones. */
    private static final byte[] MUTATIONS = "{}[]\",:\\ \t\n0123456789-+.eEtrufalsn/*#'\u0000\u001f".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper STRICT = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Property(tries = 5000)
    void acceptsOnlyDocumentsJacksonAccepts(@ForAll long seed) throws Exception {
        RandomCase c = RandomCase.of(seed);
        if (c == null) {
            return;
        }
        Random random = c.random();
        ObjectNode doc = c.doc();
        List<String> path = c.path();
        byte[] bytes = (random.nextBoolean() ? PRETTY : JSON).writeValueAsBytes(doc);
        for (int m = random.nextInt(1, 4); m > 0; m--) {
            int at = random.nextInt(bytes.length);
            byte b = MUTATIONS[random.nextInt(MUTATIONS.length)];
            bytes = switch (random.nextInt(3)) {
                case 0 -> splice(bytes, at, at + 1, new byte[] {b}); // replace
                case 1 -> splice(bytes, at, at, new byte[] {b}); // insert
                default -> splice(bytes, at, at + 1, new byte[0]); // delete
            };
        }
        JsonSplice.Result spliced = JsonSplice.set(bytes, new JsonPath(path), NODES.textNode("RETRY"));
        boolean jacksonReads;
        try {
            STRICT.readTree(bytes);
            jacksonReads = true;
        } catch (java.io.IOException e) {
            jacksonReads = false;
        }
        if (spliced != null) {
            assertThat(jacksonReads).as("spliced a document the tree path rejects: %s", new String(bytes, StandardCharsets.UTF_8)).isTrue();
            assertThat(STRICT.readTree(spliced.bytes())).isEqualTo(JsonEdits.set(STRICT.readTree(bytes), new JsonPath(path), NODES.textNode("RETRY")));
        }
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] with) {
        byte[] out = new byte[bytes.length - (to - from) + with.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(bytes, to, out, from + with.length, bytes.length - to);
        return out;
    }

    @Test
    void stepsAsideForJsonJacksonWouldReject() {
        JsonNode v = NODES.textNode("RETRY");
        for (String bad : List.of("{\"status\":01}", "{\"status\":+1}", "{\"status\":.5}", "{\"status\":1.}", "{\"status\":1e}",
                "{\"status\":\"a\tb\"}", "{\"status\":\"\\x\"}", "{\"status\":\"\\u12\"}", "{\"status\":tru}", "{\"status\":nul}",
                "{\"status\":1,}", "{\"status\":1 /* c */}", "{'status':1}", "{status:1}", "{\"a\":[1,],\"status\":1}", "{\"status\":1}}",
                "{\"a\":NaN,\"status\":1}", "{\"status\" 1}", "{\"a\":[1 2],\"status\":1}")) {
            assertThat(set(bad, "status", v)).as(bad).isNull();
            assertThatThrownByJackson(bad);
        }
        assertThat(set("{\"st\\u0061tus\":\"FAILED\",\"n\":-0.5e+3}", "status", v)).as("an escaped name is the name it spells").isNotNull();
    }

    private static void assertThatThrownByJackson(String doc) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readTree(doc)).as("Jackson reads %s", doc)
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void keepsTheRestOfTheDocumentByteForByte() {
        byte[] doc = "{ \"amount\" : 1.50,\n  \"status\" : \"FAILED\", \"note\": \"caf\\u00e9\" }".getBytes(StandardCharsets.UTF_8);
        JsonSplice.Result r = JsonSplice.set(doc, JsonPath.parse("status"), NODES.textNode("RETRY"));
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("{ \"amount\" : 1.50,\n  \"status\" : \"RETRY\", \"note\": \"caf\\u00e9\" }");
        assertThat(r.diff()).extracting(StructuralDiff.Change::toString).containsExactly("/status: \"FAILED\" -> \"RETRY\"");

        JsonSplice.Result nested = JsonSplice.set("{\"o\":{\"p\":[1,2],\"q\":{}},\"p\":0}".getBytes(StandardCharsets.UTF_8),
                JsonPath.parse("o.p"), NODES.arrayNode().add(1).add(3));
        assertThat(new String(nested.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"o\":{\"p\":[1,3],\"q\":{}},\"p\":0}");
        assertThat(nested.diff()).extracting(StructuralDiff.Change::toString).containsExactly("/o/p/1: 2 -> 3");
    }

    @Test
    void stepsAsideWhereTheTreePathCouldDiffer() {
        JsonNode v = NODES.textNode("RETRY");
        assertThat(set("{\"status\":\"A\",\"status\":\"B\"}", "status", v)).as("a repeated name").isNull();
        assertThat(set("{\"o\":{\"s\":1},\"o\":{\"s\":2}}", "o.s", v)).as("a repeated name on the way").isNull();
        assertThat(set("{\"other\":1}", "status", v)).as("a missing field (the tree path creates it)").isNull();
        assertThat(set("{\"a\":[{\"s\":1}]}", "a[0].s", v)).as("through an array").isNull();
        assertThat(set("{\"a\":1}", "a.b", v)).as("through a scalar").isNull();
        assertThat(set("{\"status\":1} trailing", "status", v)).as("content after the object").isNull();
        assertThat(set("{\"status\":1", "status", v)).as("truncated").isNull();
        assertThat(set("[1,2]", "0", v)).as("not an object").isNull();
        assertThat(set("\uFEFF{\"status\":1}", "status", v)).as("a byte order mark").isNull();
        assertThat(set("\"text\"", "status", v)).isNull();
        assertThat(JsonSplice.set(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'}, JsonPath.parse("s"), v))
                .as("malformed UTF-8").isNull();
        assertThat(JsonSplice.set(null, JsonPath.parse("s"), v)).isNull();
        assertThat(set("{\"status\":1}", "", v)).as("the whole value").isNull();
    }

    @Test
    void theEditorUsesItForOneFieldOfPlainJsonOnly() {
        RecordEditor editor = new RecordEditor(RegistryPayloadCodec.of(null));
        byte[] value = "{\"id\": 7, \"status\": \"FAILED\"}".getBytes(StandardCharsets.UTF_8);
        RawRecord record = new RawRecord("t", 0, 0, 0, TimestampType.CREATE_TIME, null, value, List.of());
        EditedRecord one = editor.editValue(record, new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""))));
        assertThat(new String(one.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 7, \"status\": \"RETRY\"}");
        assertThat(one.valueFormat()).isEqualTo("JSON");
        EditedRecord two = editor.editValue(record, new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""),
                ValueEdit.Assignment.parse("id=8"))));
        assertThat(new String(two.value(), StandardCharsets.UTF_8)).as("two fields: the tree path, written compactly")
                .isEqualTo("{\"id\":8,\"status\":\"RETRY\"}");
        assertThat(two.valueDiff()).hasSize(2);
    }

    private static JsonSplice.Result set(String doc, String path, JsonNode value) {
        return JsonSplice.set(doc.getBytes(StandardCharsets.UTF_8), path.isEmpty() ? new JsonPath(List.of()) : JsonPath.parse(path), value);
    }

    /** Length of the common prefix plus the common suffix of the two byte arrays. */
    private static int keptAroundTheEdit(byte[] a, byte[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        return prefix + suffix;
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        int n = random.nextInt(depth == 0 ? 1 : 0, 5);
        for (int i = 0; i < n; i++) {
            node.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth + 1));
        }
        return node;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextInt(100_000) / 100.0);
            case 2 -> NODES.textNode(List.of("", "FAILED", "RETRY", "tab\tquote\"back\\slash", "東京 ✓", "\u0001ctl").get(random.nextInt(6)));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.numberNode(random.nextLong());
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> randomObject(random, depth);
        };
    }

    private static List<String> randomExistingPath(Random random, ObjectNode doc) {
        List<String> path = new ArrayList<>();
        JsonNode at = doc;
        while (at instanceof ObjectNode obj && !obj.isEmpty()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(obj.properties());
            Map.Entry<String, JsonNode> pick = fields.get(random.nextInt(fields.size()));
            path.add(pick.getKey());
            at = pick.getValue();
            if (random.nextInt(3) == 0) {
                break;
            }
        }
        return path;
    }
}
