package dev.backtrack.ui.redrive;

import static dev.backtrack.ui.redrive.DltFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.RedriveReport;
import dev.backtrack.redrive.Triage;
import dev.backtrack.redrive.TriageGroup;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triage view-model on the real broker: grouping and counts, listing, bulk send-back with the journal, prod guard. */
class TriageViewModelTest {
    private static final String ISE = "java.lang.IllegalStateException";
    private static final String CVE = "jakarta.validation.ConstraintViolationException";
    private static final String DATA = "org.apache.kafka.connect.errors.DataException";

    @TempDir
    Path dataDir;
    private final KafkaClients clients = DltFixture.clients("triage-test", false);
    private String orders;
    private String payments;
    private String dlt;
    private long hourA;

    /**
     * Ten dead letters in orders-…-dlt: six Spring "timed out after N ms" (hour A), three Spring constraint
     * violations and one Kafka Connect DataException from payments (hour B).
     */
    @BeforeEach
    void deadLetters() {
        orders = TestTopics.create(TestServers.bootstrap(), "orders", 3);
        payments = TestTopics.create(TestServers.bootstrap(), "payments", 1);
        dlt = DltFixture.deadLetterTopic(orders, 1);
        long hour = Duration.ofHours(1).toMillis();
        hourA = Math.floorDiv(System.currentTimeMillis() - 3 * hour, hour) * hour;
        try (KafkaProducer<byte[], byte[]> p = DltFixture.producer()) {
            for (int i = 0; i < 6; i++) {
                List<Header> h = new ArrayList<>(List.of(utf8("traceparent", "00-trace-" + i)));
                h.addAll(DltFixture.springDlt(orders, i % 3, 100 + i, hourA + i, "billing", ISE, null,
                        "Payment provider timed out after " + (3000 + i) + " ms"));
                DltFixture.send(p, dlt, hourA + 60_000L * (i + 1), bytes("order-" + i), bytes("{\"orderId\":" + i + "}"), h);
            }
            for (int i = 0; i < 3; i++) {
                DltFixture.send(p, dlt, hourA + hour + 60_000L * (i + 1), bytes("order-c" + i), bytes("{\"orderId\":" + (50 + i) + "}"),
                        DltFixture.springDlt(orders, 0, 200 + i, hourA + hour, "billing", CVE, null, "postalCode: must match \"[0-9]{5}\""));
            }
            DltFixture.send(p, dlt, hourA + hour + 600_000L, bytes("pay-1"), bytes("{\"amount\":1}"), List.of(
                    utf8("__connect.errors.topic", payments), utf8("__connect.errors.partition", "0"),
                    utf8("__connect.errors.offset", "7"), utf8("__connect.errors.connector.name", "jdbc-sink"),
                    utf8("__connect.errors.exception.class.name", DATA),
                    utf8("__connect.errors.exception.message", "Cast transformation does not support STRING"),
                    utf8("__connect.errors.exception.stacktrace", DATA + ": Cast...\n\tat org.apache.kafka.connect...")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private TriageViewModel loaded() {
        TriageViewModel vm = new TriageViewModel(clients, UiExecutor.direct(), dlt, dataDir);
        vm.load();
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isNull();
        return vm;
    }

    @Test
    void groupsByExceptionTopicAndTimeWithCountsFirstLastSeenAndListsTheLettersOfAGroup() {
        TriageViewModel vm = loaded();
        assertThat(vm.statusProperty().get()).startsWith("10 dead letters in 3 groups");
        List<TriageGroup> groups = List.copyOf(vm.groups());
        assertThat(groups).extracting(TriageGroup::exceptionClass).containsExactly(ISE, CVE, DATA);
        assertThat(groups).extracting(TriageGroup::count).containsExactly(6L, 3L, 1L);
        assertThat(groups.getFirst().messagePattern()).isEqualTo("Payment provider timed out after <n> ms");
        assertThat(groups.getFirst().first()).isEqualTo(Instant.ofEpochMilli(hourA + 60_000));
        assertThat(groups.getFirst().last()).isEqualTo(Instant.ofEpochMilli(hourA + 360_000));

        vm.selectGroups(List.of(groups.getFirst()));
        assertThat(vm.letters()).hasSize(6);
        LetterRow first = vm.letters().getFirst();
        assertThat(first.origin()).isEqualTo(orders + "/0@100");
        assertThat(first.consumerGroup()).isEqualTo("billing");
        assertThat(first.exception()).isEqualTo("IllegalStateException");
        assertThat(first.message()).isEqualTo("Payment provider timed out after 3000 ms");
        assertThat(first.letter().failure().stackTrace()).contains("Listener.onMessage");
        assertThat(first.redriven()).isFalse();
        vm.selectGroups(List.of(groups.get(1), groups.get(2)));
        assertThat(vm.letters()).hasSize(4);

        vm.groupByProperty().set(Triage.GroupBy.TOPIC);
        assertThat(vm.letters()).isEmpty();
        assertThat(vm.groups()).extracting(TriageGroup::originalTopic).containsExactly(orders, payments);
        assertThat(vm.groups()).extracting(TriageGroup::count).containsExactly(9L, 1L);
        vm.selectGroups(List.of(vm.groups().get(1)));
        assertThat(vm.letters()).singleElement().extracting(LetterRow::origin).isEqualTo(payments + "/0@7");

        vm.groupByProperty().set(Triage.GroupBy.TIME);
        assertThat(vm.groups()).extracting(TriageGroup::bucketStart)
                .containsExactly(Instant.ofEpochMilli(hourA), Instant.ofEpochMilli(hourA + 3_600_000));
        assertThat(vm.groups()).extracting(TriageGroup::count).containsExactly(6L, 4L);
    }

    @Test
    void bulkSendOfAGroupLandsOnTheOriginalTopicIsMarkedFromTheJournalAndIsNotSentTwice() {
        TriageViewModel vm = loaded();
        TriageGroup timeouts = vm.groups().getFirst();
        vm.selectGroups(List.of(timeouts));
        SendPlan plan = vm.plan(List.of(timeouts), List.of(), null);
        assertThat(plan.count()).isEqualTo(6);
        assertThat(plan.alreadyRedriven()).isZero();
        assertThat(plan.targets()).containsExactly(orders);
        assertThat(plan.guard().refuses()).isFalse();
        assertThat(plan.approximate()).isFalse();

        SendBackViewModel send = new SendBackViewModel(clients, UiExecutor.direct(), dataDir, vm::refreshJournal);
        send.confirm(plan);
        assertThat(send.phaseProperty().get()).isEqualTo(SendBackViewModel.Phase.CONFIRM);
        send.start();
        assertThat(send.phaseProperty().get()).isEqualTo(SendBackViewModel.Phase.DONE);
        RedriveReport report = send.reportProperty().get();
        assertThat(report.selected()).isEqualTo(6);
        assertThat(report.sent()).isEqualTo(6);
        assertThat(report.landed()).isEqualTo(6);
        assertThat(report.failed()).isZero();
        assertThat(report.checksum()).isNotBlank();
        assertThat(SendBackViewModel.summary(report)).startsWith("Done: sent 6, landed 6, skipped 0 already redriven");
        // every letter was acknowledged, so no read-back was needed: the last step was waiting for the acknowledgements
        assertThat(send.jobStepProperty().get()).isEqualTo(dev.backtrack.replay.JobStep.ACKNOWLEDGING);
        assertThat(SendBackViewModel.progressText(new dev.backtrack.replay.SendProgress(6, 6, 0, 2400, 120.0, 6L, null, false, java.util.Map.of()),
                plan, send.jobStepProperty().get()))
                .isEqualTo("Sent 6 of 6 · acknowledged 6 · 120 records/s · waiting for the target to acknowledge the records sent…");

        List<RawRecord> landed = DltFixture.readAll(clients, orders);
        assertThat(landed).hasSize(6);
        assertThat(landed).allSatisfy(r -> {
            assertThat(r.headers()).noneMatch(h -> h.key().startsWith("kafka_dlt-"));
            assertThat(DltFixture.header(r, "backtrack.redrive.source")).startsWith(dlt + "/0/");
            assertThat(DltFixture.header(r, "backtrack.redrive.count")).isEqualTo("1");
            assertThat(DltFixture.header(r, "traceparent")).startsWith("00-trace-");
        });
        assertThat(landed).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("{\"orderId\":0}", "{\"orderId\":1}", "{\"orderId\":2}", "{\"orderId\":3}",
                        "{\"orderId\":4}", "{\"orderId\":5}");
        assertThat(vm.letters()).hasSize(6).allSatisfy(row -> {
            assertThat(row.redriven()).isTrue();
            assertThat(row.redriveState()).startsWith("landed " + orders + "/");
        });

        // the journal: a second send of the same group sends nothing
        SendPlan again = vm.plan(List.of(timeouts), List.of(), null);
        assertThat(again.alreadyRedriven()).isEqualTo(6);
        send.confirm(again);
        send.start();
        RedriveReport second = send.reportProperty().get();
        assertThat(second.sent()).isZero();
        assertThat(second.skippedAlreadySent()).isEqualTo(6);
        assertThat(second.problems()).allMatch(i -> i.outcome().equals("skipped: already sent"));
        assertThat(DltFixture.readAll(clients, orders)).hasSize(6);

        // chosen letters of another group, to another topic
        vm.selectGroups(List.of(vm.groups().get(1)));
        String other = TestTopics.create(TestServers.bootstrap(), "orders-fixed", 1);
        SendPlan two = vm.plan(List.of(), List.copyOf(vm.letters().subList(0, 2)), other);
        assertThat(two.count()).isEqualTo(2);
        assertThat(two.targets()).containsExactly(other);
        send.confirm(two);
        send.start();
        assertThat(send.reportProperty().get().landed()).isEqualTo(2);
        assertThat(DltFixture.readAll(clients, other)).hasSize(2);
    }

    @Test
    void aGroupIsBulkEditedPreviewedInADryRunThenSentWithTheChosenOptions() {
        TriageViewModel vm = loaded();
        TriageGroup violations = vm.groups().get(1);
        assertThat(violations.exceptionClass()).isEqualTo(CVE);
        SendBackViewModel send = new SendBackViewModel(clients, UiExecutor.direct(), dataDir, vm::refreshJournal);
        send.confirm(vm.plan(List.of(violations), List.of(), null));

        // an edit that does not parse keeps the confirmation open with the reason
        send.setFieldsProperty().set("fixed=yes");
        send.start();
        assertThat(send.phaseProperty().get()).isEqualTo(SendBackViewModel.Phase.CONFIRM);
        assertThat(send.errorProperty().get()).contains("/fixed").contains("not JSON");

        send.setFieldsProperty().set("fixed=true; note=\"postal; code\"");
        send.dryRunProperty().set(true);
        send.keepDeadLetterHeadersProperty().set(true);
        send.originalPartitionProperty().set(true);
        send.start();
        RedriveReport dry = send.reportProperty().get();
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.sent()).isEqualTo(3);
        assertThat(dry.previews()).hasSize(3).allSatisfy(p -> {
            assertThat(p.targetTopic()).isEqualTo(orders);
            assertThat(p.targetPartition()).isZero();
            assertThat(p.changes()).extracting(c -> c.path()).containsExactly("/fixed", "/note");
        });
        assertThat(SendBackViewModel.summary(dry)).startsWith("Dry run: would send 3");
        assertThat(DltFixture.readAll(clients, orders)).isEmpty();

        send.sendForReal();
        RedriveReport real = send.reportProperty().get();
        assertThat(real.dryRun()).isFalse();
        assertThat(real.landed()).isEqualTo(3);
        List<RawRecord> landed = DltFixture.readAll(clients, orders);
        assertThat(landed).hasSize(3).allSatisfy(r -> {
            assertThat(r.partition()).isZero();
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).matches("\\{\"orderId\":5[0-2],\"fixed\":true,\"note\":\"postal; code\"}");
            assertThat(DltFixture.header(r, "kafka_dlt-exception-fqcn")).isEqualTo(CVE);
        });
    }

    @Test
    void aProtectedProfileShowsTheGuardStateAndTheSendIsRefusedWithNothingWritten() {
        KafkaClients prod = DltFixture.clients("prod-eu", true);
        TriageViewModel vm = new TriageViewModel(prod, UiExecutor.direct(), dlt, dataDir);
        vm.load();
        SendPlan plan = vm.plan(List.of(vm.groups().getFirst()), List.of(), null);
        assertThat(plan.guard().refuses()).isTrue();
        assertThat(plan.guard().describe()).contains("'prod-eu' is protected");

        SendBackViewModel send = new SendBackViewModel(prod, UiExecutor.direct(), dataDir, vm::refreshJournal);
        send.confirm(plan);
        send.start();
        assertThat(send.phaseProperty().get()).isEqualTo(SendBackViewModel.Phase.DONE);
        assertThat(send.refusedProperty().get()).isTrue();
        assertThat(send.reportProperty().get()).isNull();
        assertThat(send.errorProperty().get()).contains("prod-eu").contains("protected");
        assertThat(DltFixture.readAll(clients, orders)).isEmpty();
    }

    @Test
    void aCancelledScanStopsAndSaysItsCountsArePartial() {
        TriageViewModel[] vm = new TriageViewModel[1];
        // the scan is cancelled before it reads anything, as a click on Cancel would do
        UiExecutor cancelFirst = new UiExecutor() {
            @Override
            public void background(Runnable work) {
                vm[0].cancel();
                work.run();
            }

            @Override
            public void onFx(Runnable update) {
                update.run();
            }
        };
        vm[0] = new TriageViewModel(clients, cancelFirst, dlt, dataDir);
        vm[0].load();
        assertThat(vm[0].loadingProperty().get()).isFalse();
        assertThat(vm[0].statusProperty().get()).contains("stopped early: partial counts");
        assertThat(vm[0].groups().stream().mapToLong(TriageGroup::count).sum()).isLessThan(10);
    }
}
