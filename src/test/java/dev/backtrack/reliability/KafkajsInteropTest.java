package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Page;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.produce.ProducePayload;
import dev.backtrack.produce.ProduceRequest;
import dev.backtrack.produce.RecordProducer;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Agreement with an independent Confluent-format Avro implementation: kafkajs 2.2.4 +
 * {@code @kafkajs/confluent-schema-registry} (avsc underneath), run with the machine's Node.js from
 * {@code src/test/resources/interop/kafkajs/interop.js}. Records it registers and produces decode
 * field-for-field in Backtrack's browser; records Backtrack produces from readable JSON, and kafkajs records
 * Backtrack edited and re-sent, decode field-for-field in the JS library.
 *
 * <p>Representation mapping (the only differences allowed): the JS side prints {@code bytes} as base64 (as
 * Backtrack shows them) and {@code timestamp-millis} as epoch millis (avsc without logical-type hooks) where
 * Backtrack shows ISO-8601 text; both unwrap {@code ["null", T]} unions and print enums as symbols and maps as
 * objects. Numbers compare by value (an int 3 equals a long 3).
 */
@Timeout(300)
class KafkajsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 20;
    private static final Path SOURCES = Path.of("src", "test", "resources", "interop", "kafkajs");
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) : (a.equals(b) ? 0 : 1);

    private final String bootstrap = TestServers.bootstrap();
    private final RegistrySettings registry = RegistrySettings.of(TestServers.registryUrl());
    private final KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withRegistry(registry));

    record Script(int exit, String out, String err) {
    }

    @Test
    void avroAgreesBothWaysWithKafkajs() throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/node"))).as("Node.js at /usr/bin/node (.ci/run installs it)").isTrue();
        Path dir = prepareScriptDir();

        // 1. kafkajs registers and produces; Backtrack browses and decodes.
        String fromJs = TestTopics.create(bootstrap, "kafkajs-src", 1);
        Script produced = node(dir, "produce", fromJs, N);
        assertThat(produced.exit()).as("interop.js produce failed: %s", produced.err()).isZero();
        Map<String, JsonNode> sent = byKey(produced.out());
        assertThat(sent).hasSize(N);
        int jsSchemaId = sent.get("k0").path("schemaId").asInt();

        Browser browser = new Browser(clients, new RecordDecoder(registry));
        Page page = browser.read(BrowseRequest.of(fromJs).withPageSize(100).withEnd(EndBound.CURRENT_END), Cancellation.none());
        assertThat(page.records()).hasSize(N);
        List<DecodedRecord> browsed = page.records();
        for (DecodedRecord record : browsed) {
            String key = new String(record.raw().key(), StandardCharsets.UTF_8);
            assertThat(record.hasError()).as("%s: %s", key, record.value().error()).isFalse();
            assertThat(record.value().format()).isEqualTo(Format.AVRO);
            assertThat(record.value().schema().id()).isEqualTo(jsSchemaId);
            assertSameFields(key, record.value().json(), backtrackShape(sent.get(key).path("value")));
        }

        // 2. Backtrack produces from readable JSON and edits/re-sends kafkajs records; kafkajs decodes them.
        String fromBacktrack = TestTopics.create(bootstrap, "kafkajs-dst", 1);
        String schema = Files.readString(SOURCES.resolve("order.avsc"));
        int ourId = SchemaRegistryClient.shared(registry).register(fromBacktrack + "-value", schema, SchemaInfo.SchemaType.AVRO, List.of());
        RecordProducer producer = new RecordProducer(clients);
        Map<String, JsonNode> written = new LinkedHashMap<>();
        Map<String, Integer> writtenIds = new LinkedHashMap<>();
        for (int i = 0; i < N / 2; i++) {
            ObjectNode value = backtrackValue(i);
            written.put("b" + i, value);
            writtenIds.put("b" + i, ourId);
            producer.produce(new ProduceRequest(fromBacktrack, null, new ProducePayload.Plain(Format.TEXT, "b" + i),
                    new ProducePayload.BySubject(fromBacktrack + "-value", "latest", null, value.toString()), List.of(), null));
        }
        ValueEdit ship = new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"SHIPPED\""),
                ValueEdit.Assignment.parse("note=null")));
        for (DecodedRecord record : browsed.subList(0, N / 2)) {
            String key = new String(record.raw().key(), StandardCharsets.UTF_8);
            ObjectNode expected = (ObjectNode) record.value().json().deepCopy();
            expected.put("status", "SHIPPED").putNull("note");
            written.put(key, expected);
            writtenIds.put(key, jsSchemaId);
            producer.editAndResend(record.raw(), null, ship, null, fromBacktrack);
        }
        Script consumed = node(dir, "consume", fromBacktrack, N);
        if (consumed.exit() == -1) {
            // kafkajs reads through a consumer group; once in CI (2 cores, loaded) its first join never got going. A
            // second consumer with a new group tells such a hang from a record kafkajs cannot decode (that fails again).
            System.out.printf("kafkajs consume timed out after %d of %d records; trying once more with a new group%n",
                    consumed.out().lines().count(), N);
            consumed = node(dir, "consume", fromBacktrack, N);
        }
        assertThat(consumed.exit()).as("interop.js consume failed after %d of %d records: %s", consumed.out().lines().count(), N,
                consumed.err()).isZero();
        Map<String, JsonNode> decoded = byKey(consumed.out());
        assertThat(decoded.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
        for (Map.Entry<String, JsonNode> e : written.entrySet()) {
            JsonNode js = decoded.get(e.getKey());
            assertThat(js.path("schemaId").asInt()).as("%s schema id", e.getKey()).isEqualTo(writtenIds.get(e.getKey()));
            assertSameFields(e.getKey(), e.getValue(), backtrackShape(js.path("value")));
        }
    }

    /** A value in Backtrack's readable shape, varied so every field type takes several values. */
    private static ObjectNode backtrackValue(int i) {
        ObjectNode v = JSON.createObjectNode();
        v.put("id", "bt-" + i + "-\u00fcber").put("quantity", Integer.MIN_VALUE + i).put("sequence", (1L << 52) + i)
                .put("price", -i * 3.5 - 0.01).put("paid", i % 2 == 1);
        if (i % 2 == 0) {
            v.putNull("note");
        } else {
            v.put("note", "line\nbreak " + i);
        }
        v.put("status", List.of("NEW", "PAID", "SHIPPED").get(i % 3));
        var tags = v.putArray("tags");
        for (int k = 0; k < i % 3; k++) {
            tags.add("tag-" + k);
        }
        var attributes = v.putObject("attributes");
        if (i % 2 == 1) {
            attributes.put("size", i * 100L).put("negative", -1L);
        }
        v.putObject("customer").put("name", "cust " + i).put("vip", i % 4 == 0);
        v.put("payload", java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) i, 0, (byte) 0xfe, 7}));
        v.put("createdAt", Instant.ofEpochMilli(1_600_000_000_123L + i * 3_600_000L).toString());
        return v;
    }

    /** The JS value mapped to Backtrack's representation: timestamp-millis epoch millis become ISO-8601 text. */
    private static JsonNode backtrackShape(JsonNode js) {
        ObjectNode copy = (ObjectNode) js.deepCopy();
        assertThat(copy.path("createdAt").isIntegralNumber()).as("JS prints timestamp-millis as a number: %s", js).isTrue();
        copy.set("createdAt", TextNode.valueOf(Instant.ofEpochMilli(copy.path("createdAt").asLong()).toString()));
        return copy;
    }

    /** Same field names in schema order, and equal values field by field (numbers by value). */
    private static void assertSameFields(String key, JsonNode backtrack, JsonNode kafkajs) {
        JsonNode actual = backtrack;
        JsonNode expected = kafkajs;
        assertThat(actual).as("%s is an object", key).isNotNull();
        List<String> names = new ArrayList<>();
        actual.fieldNames().forEachRemaining(names::add);
        List<String> expectedNames = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedNames::add);
        assertThat(names).as("%s field names", key).containsExactlyElementsOf(expectedNames);
        for (String name : expectedNames) {
            assertThat(actual.get(name).equals(BY_VALUE, expected.get(name)))
                    .as("%s.%s: Backtrack side %s, kafkajs side %s", key, name, actual.get(name), expected.get(name)).isTrue();
        }
    }

    private static Map<String, JsonNode> byKey(String jsonLines) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : jsonLines.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode node = JSON.readTree(line);
            out.put(node.path("key").asText(), node);
        }
        return out;
    }

    /** Copies the script into the build directory and installs its pinned packages once. */
    private static Path prepareScriptDir() throws Exception {
        String apicurio = System.getProperty("backtrack.apicurio.dir");
        Path build = apicurio != null && Path.of(apicurio).getParent() != null ? Path.of(apicurio).getParent() : Path.of("target");
        Path dir = build.resolve("kafkajs-interop");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Script install = run(dir, 120, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
            assertThat(install.exit()).as("npm install failed: %s", install.err()).isZero();
        }
        return dir;
    }

    private Script node(Path dir, String mode, String topic, int count) throws Exception {
        return run(dir, 60, List.of("/usr/bin/node", "interop.js", mode, bootstrap, TestServers.registryUrl(), topic, String.valueOf(count)));
    }

    private static Script run(Path dir, int seconds, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Script(-1, Files.readString(out), "timed out after " + seconds + " s: " + Files.readString(err));
            }
            return new Script(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
