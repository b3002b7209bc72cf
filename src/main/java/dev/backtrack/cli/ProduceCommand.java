package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.codec.Format;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.produce.ProducePayload;
import dev.backtrack.produce.ProduceRequest;
import dev.backtrack.produce.ProduceResult;
import dev.backtrack.produce.RecordProducer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack produce TOPIC}: write one record (text, JSON, or a registry format via a subject version). */
@Command(name = "produce", sortOptions = false,
        description = "Produce one record: key, value (text, JSON, or Avro/Protobuf/JSON Schema via --subject), headers, partition, timestamp.")
public final class ProduceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;
    // no standard --version option here: --version is the subject version
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Mixin
    ConnectionOptions connection;
    @Option(names = "--key", paramLabel = "K", description = "Key as UTF-8 text (default: null key).")
    String key;
    @Option(names = "--value", paramLabel = "V", description = "Value text (with --subject: readable JSON).")
    String value;
    @Option(names = "--value-file", paramLabel = "F", description = "Read the value from a file.")
    Path valueFile;
    @Option(names = "--value-format", paramLabel = "F", description = "TEXT (default), JSON, HEX, BASE64, INT, LONG, UUID or NULL; ignored with --subject.")
    Format valueFormat = Format.TEXT;
    @Option(names = "--header", paramLabel = "K=V", description = "A header (UTF-8 value). Repeatable; order kept.")
    List<String> headers = new ArrayList<>();
    @Option(names = "--partition", paramLabel = "N", description = "Partition (default: by key).")
    Integer partition;
    @Option(names = "--timestamp", paramLabel = "ISO", description = "CreateTime, e.g. 2026-11-27T10:00:00Z (default: now).")
    String timestamp;
    @Option(names = "--subject", paramLabel = "S", description = "Encode the value with this registry subject (Avro, Protobuf, JSON Schema).")
    String subject;
    @Option(names = "--version", paramLabel = "V", description = "Subject version (default latest).")
    String version;
    @Option(names = "--message", paramLabel = "NAME", description = "Protobuf message type (default: the first).")
    String message;
    @Option(names = "--yes", description = "Produce without asking (required when not on a terminal).")
    boolean yes;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (value != null && valueFile != null) {
            throw new BacktrackException("use either --value or --value-file, not both");
        }
        String valueText = value;
        if (valueFile != null) {
            try {
                valueText = Files.readString(valueFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BacktrackException("cannot read " + valueFile + ": " + e.getMessage(), e);
            }
        }
        ProducePayload valuePayload;
        if (subject != null) {
            if (valueText == null) {
                throw new BacktrackException("--subject needs a value (--value or --value-file) as JSON");
            }
            valuePayload = new ProducePayload.BySubject(subject, version, message, valueText);
        } else {
            valuePayload = new ProducePayload.Plain(valueText == null ? Format.NULL : valueFormat, valueText);
        }
        List<RawHeader> headerList = new ArrayList<>();
        for (String h : headers) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new BacktrackException("a header is NAME=VALUE, got '" + h + "'");
            }
            headerList.add(RawHeader.utf8(h.substring(0, eq), h.substring(eq + 1)));
        }
        Long ts = null;
        if (timestamp != null) {
            try {
                ts = Instant.parse(timestamp).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BacktrackException("--timestamp must be an ISO instant such as 2026-11-27T10:00:00Z, got '" + timestamp + "'");
            }
        }
        ProduceRequest request = new ProduceRequest(topic, partition,
                key == null ? new ProducePayload.Plain(Format.NULL, null) : new ProducePayload.Plain(Format.TEXT, key),
                valuePayload, headerList, ts);
        RecordProducer producer = new RecordProducer(connection.clients());
        producer.encode(request);
        if (!yes) {
            java.io.Console console = System.console();
            if (console == null || !console.isTerminal()) {
                throw new BacktrackException("add --yes to produce to " + topic);
            }
            spec.commandLine().getErr().print("Produce 1 record to " + topic + "? [y/N] ");
            spec.commandLine().getErr().flush();
            String answer = console.readLine();
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                spec.commandLine().getErr().println("nothing sent");
                return 1;
            }
        }
        ProduceResult result = producer.produce(request);
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("topic", result.topic());
        out.put("partition", result.partition());
        out.put("offset", result.offset());
        out.put("timestamp", Instant.ofEpochMilli(result.timestamp()).toString());
        if (result.valueSchemaId() != null) {
            out.put("valueSchemaId", result.valueSchemaId());
        }
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
