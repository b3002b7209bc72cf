package dev.backtrack.ui.redrive;

import static dev.backtrack.ui.redrive.DltFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterReader;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edit & send of one Avro dead letter on the real broker and registry: re-encoding, validation, headers, journal, guard. */
class EditSendViewModelTest {
    @TempDir
    Path dataDir;
    private final KafkaClients clients = DltFixture.clients("edit-test", false);
    private String payments;
    private String dlt;
    private int schemaId;
    private DeadLetter letter;

    @BeforeEach
    void avroDeadLetter() {
        payments = TestTopics.create(TestServers.bootstrap(), "payments", 3);
        dlt = DltFixture.deadLetterTopic(payments, 1);
        schemaId = DltFixture.registerPayment();
        try (KafkaProducer<byte[], byte[]> p = DltFixture.producer()) {
            List<Header> h = new ArrayList<>(List.of(utf8("traceparent", "00-abc-01")));
            h.addAll(DltFixture.springDlt(payments, 2, 41, System.currentTimeMillis() - 5_000, "ledger",
                    "org.springframework.kafka.listener.ListenerExecutionFailedException", "java.lang.IllegalArgumentException",
                    "amount must be positive"));
            DltFixture.send(p, dlt, null, "pay-7".getBytes(StandardCharsets.UTF_8),
                    DltFixture.payment(schemaId, 7, "c-42", -12.5, "FAILED"), h);
        }
        letter = new DeadLetterReader(clients).readOne(dlt, 0, 0).orElseThrow();
    }

    private EditSendViewModel opened(KafkaClients with) {
        EditSendViewModel vm = new EditSendViewModel(with, UiExecutor.direct(), dataDir);
        vm.open(letter);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.readyProperty().get()).isTrue();
        return vm;
    }

    @Test
    void anEditedAvroValueIsReencodedWithTheSameSchemaIdAndLandsOnTheOriginalTopicAndInTheJournal() {
        EditSendViewModel vm = opened(clients);
        assertThat(vm.valueFormatProperty().get()).isEqualTo("Avro (schema id " + schemaId + ")");
        assertThat(vm.keyFormatProperty().get()).isEqualTo("text");
        assertThat(vm.keyTextProperty().get()).isEqualTo("pay-7");
        assertThat(vm.valueTextProperty().get()).contains("\"status\" : \"FAILED\"").contains("\n  \"amount\" : -12.5");
        assertThat(vm.targetTopicProperty().get()).isEqualTo(payments);
        assertThat(vm.validProperty().get()).isTrue();
        // unchanged: only the dropped dead-letter headers, summed up in one line
        assertThat(vm.diff()).singleElement().satisfies(d -> {
            assertThat(d.part()).isEqualTo("header");
            assertThat(d.before()).startsWith("10 headers");
        });
        // dead-letter headers are dropped by default, business headers stay; kept on request
        assertThat(vm.headerList()).extracting(h -> h.key()).containsExactly("traceparent");
        vm.keepDeadLetterHeadersProperty().set(true);
        assertThat(vm.headerList()).extracting(h -> h.key()).contains("traceparent", "kafka_dlt-original-offset", "kafka_dlt-exception-fqcn");
        vm.keepDeadLetterHeadersProperty().set(false);
        vm.headers().add(HeaderRow.added("x-fixed-by", "ops"));

        vm.valueTextProperty().set(vm.valueTextProperty().get().replace("-12.5", "12.5").replace("FAILED", "RETRY"));
        vm.validate();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.diff()).extracting(DiffRow::part, DiffRow::path, DiffRow::before, DiffRow::after).contains(
                org.assertj.core.groups.Tuple.tuple("value", "/amount", "-12.5", "12.5"),
                org.assertj.core.groups.Tuple.tuple("value", "/status", "\"FAILED\"", "\"RETRY\""),
                org.assertj.core.groups.Tuple.tuple("header", "x-fixed-by", "", "ops"));

        vm.send();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.sentProperty().get()).isNotNull();
        assertThat(vm.sentProperty().get().topic()).isEqualTo(payments);
        assertThat(vm.resultProperty().get()).startsWith("Sent to " + payments + " partition ").contains("schema id " + schemaId);

        List<RawRecord> landed = DltFixture.readAll(clients, payments);
        assertThat(landed).hasSize(1);
        RawRecord r = landed.getFirst();
        assertThat(r.partition()).isEqualTo(vm.sentProperty().get().partition());
        assertThat(r.offset()).isEqualTo(vm.sentProperty().get().offset());
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("pay-7");
        assertThat(DltFixture.schemaId(r.value())).isEqualTo(schemaId);
        GenericRecord value = DltFixture.readPayment(r.value());
        assertThat(value.get("amount")).isEqualTo(12.5);
        assertThat(value.get("status").toString()).isEqualTo("RETRY");
        assertThat(value.get("customer").toString()).isEqualTo("c-42");
        assertThat(r.headers()).noneMatch(h -> h.key().startsWith("kafka_dlt-"));
        assertThat(DltFixture.header(r, "traceparent")).isEqualTo("00-abc-01");
        assertThat(DltFixture.header(r, "x-fixed-by")).isEqualTo("ops");
        assertThat(DltFixture.header(r, "backtrack.redrive.source")).isEqualTo(dlt + "/0/0");
        assertThat(DltFixture.header(r, "backtrack.redrive.count")).isEqualTo("1");

        RedriveJournal journal = RedriveJournal.open(dataDir, "edit-test", dlt);
        assertThat(journal.find(0, 0)).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(RedriveJournal.Status.LANDED);
            assertThat(e.targetOffset()).isEqualTo(r.offset());
        });
        // opening it again says it was already redriven
        assertThat(opened(clients).journalNoteProperty().get()).startsWith("Already redriven (landed " + payments + "/");
    }

    @Test
    void anInvalidEditIsRefusedWithTheValidationMessageAndItsPositionAndNothingIsSent() {
        EditSendViewModel vm = opened(clients);
        String original = vm.valueTextProperty().get();
        vm.valueTextProperty().set(original.replace("-12.5", "\"lots\""));
        vm.validate();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.validationProperty().get()).contains("amount");
        int amountLine = (int) original.substring(0, original.indexOf("\"amount\"")).chars().filter(c -> c == '\n').count() + 1;
        assertThat(vm.errorLineProperty().get()).isEqualTo(amountLine);
        assertThat(vm.errorPartProperty().get()).isEqualTo("value");

        vm.send();
        assertThat(vm.sentProperty().get()).isNull();
        assertThat(vm.errorProperty().get()).startsWith("Not sent: ").contains("amount");

        vm.valueTextProperty().set("{\n  \"id\": 7,\n  \"customer\" \"c-42\"\n}");
        vm.validate();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.validationProperty().get()).startsWith("value is not valid JSON at line 3, column");
        assertThat(vm.errorLineProperty().get()).isEqualTo(3);

        vm.valueTextProperty().set(original.replace("  \"status\" : \"FAILED\"\n", "").replace("\"amount\" : -12.5,", "\"amount\" : -12.5"));
        vm.validate();
        assertThat(vm.validProperty().get()).as(vm.validationProperty().get()).isFalse();
        assertThat(vm.validationProperty().get()).contains("status");
        assertThat(DltFixture.readAll(clients, payments)).isEmpty();
    }

    @Test
    void aProtectedProfileRefusesTheSendWithTheGuardsSentence() {
        EditSendViewModel vm = opened(DltFixture.clients("prod-eu", true));
        vm.send();
        assertThat(vm.refusedProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).startsWith("Refused by the prod guard: ").contains("prod-eu");
        assertThat(vm.sentProperty().get()).isNull();
        assertThat(DltFixture.readAll(clients, payments)).isEmpty();
    }
}
