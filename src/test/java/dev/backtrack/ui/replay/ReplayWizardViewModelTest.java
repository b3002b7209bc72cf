package dev.backtrack.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.cli.Main;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.connection.BrowseSelection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The replay wizard's view-model end to end against the real broker: every step, the run, the report, the CLI command. */
@Timeout(300)
class ReplayWizardViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final String bootstrap = TestServers.bootstrap();
    private final Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void replaysTheTimeWindowOfTheSelectionThroughEveryStepAndTheReportMatches() throws Exception {
        String source = sourceTopic(30);
        ReplayWizardViewModel vm = wizard(settings("test"), new BrowseSelection(source, 3, null,
                new Position.AtTimestamp(base.plusSeconds(5)), new EndBound.BeforeTime(base.plusSeconds(25)), null, null, List.of()));
        vm.start();

        // 1. source: pre-filled with the timeline window; the filter is compiled as typed
        assertThat(vm.source().rangeKindProperty().get()).isEqualTo(SourceStep.RangeKind.TIME_WINDOW);
        assertThat(vm.source().fromTimeProperty().get()).isEqualTo(base.plusSeconds(5).toString());
        assertThat(vm.source().selectedPartitions()).containsExactly(0, 1, 2);
        vm.source().filterProperty().set("value.n % 2 ==");
        assertThat(vm.source().filterErrorProperty().get()).startsWith("invalid filter at 1:");
        assertThat(vm.canNext()).isFalse();
        vm.source().filterProperty().set("value.n % 2 == 0");
        assertThat(vm.source().filterErrorProperty().get()).isNull();
        assertThat(vm.canNext()).isTrue();
        vm.next();

        // 2. target: this connection's topics are listed; a new topic is created with 3 partitions
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.TARGET);
        assertThat(vm.target().topics()).contains(source);
        String target = TestTopics.unique("wiz-dst");
        vm.target().topicProperty().set(source);
        assertThat(vm.target().statusProperty().get()).isEqualTo("exists, 3 partitions");
        vm.target().topicProperty().set(target);
        assertThat(vm.target().statusProperty().get()).isEqualTo("new topic");
        vm.target().createProperty().set(false);
        assertThat(vm.stepErrorProperty().get()).contains("does not exist");
        vm.target().createProperty().set(true);
        vm.next();

        // 3. options: the header checklist lists the names seen in the range; drop traceparent
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.OPTIONS);
        assertThat(vm.options().headers()).extracting(OptionsStep.HeaderChoice::name).containsExactly("tenant", "traceparent");
        assertThat(vm.options().headers().getFirst().seen()).isEqualTo(20);
        vm.options().headers().stream().filter(h -> h.name().equals("traceparent")).forEach(h -> h.keep().set(false));
        vm.options().rateProperty().set("-3");
        vm.options().speedProperty().set(OptionsStep.Speed.RATE);
        assertThat(vm.canNext()).isFalse();
        vm.options().speedProperty().set(OptionsStep.Speed.FAST);
        vm.next();

        // 4. dry run: counts per partition, nothing sent, the new topic announced
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.DRY_RUN);
        assertThat(vm.errors()).isEmpty();
        ReplayReport preview = vm.previewProperty().get();
        assertThat(preview.read()).isEqualTo(20);
        assertThat(preview.matched()).isEqualTo(10);
        assertThat(preview.preview().headersDropped()).containsEntry("traceparent", 10L);
        assertThat(vm.notes()).anyMatch(n -> n.contains("will be created with 3 partitions"));
        assertThat(vm.canRun()).isTrue();

        // 5.+6. run, then the verification report
        vm.next();
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.REPORT);
        ReplayReport report = vm.reportProperty().get();
        assertThat(report.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(report.written()).isEqualTo(10);
        assertThat(report.verified()).isTrue();
        assertThat(report.verifiedChecksum()).isEqualTo(report.expectedChecksum());
        assertThat(report.targets()).allSatisfy(t -> assertThat(t.match()).isTrue());
        assertThat(report.sources()).extracting(ReplayReport.SourcePartition::written).containsExactlyInAnyOrder(3L, 3L, 4L);
        assertThat(vm.targetStart()).isPresent();

        List<RawRecord> written = readAll(target);
        assertThat(written).hasSize(10);
        for (RawRecord r : written) {
            int n = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8).substring(1));
            assertThat(n % 2).isZero();
            assertThat(n).isBetween(5, 24);
            assertThat(r.partition()).isEqualTo(n % 3);
            assertThat(r.timestamp()).isEqualTo(base.plusSeconds(n).toEpochMilli());
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + n + "}");
            assertThat(r.headers()).extracting(RawHeader::key)
                    .containsExactly("tenant", HeaderPolicy.SOURCE_HEADER, HeaderPolicy.ID_HEADER);
        }

        // copy as CLI command: the exact text, and the CLI parses it into the same plan
        ReplayCommandLine.Rendered command = vm.command();
        assertThat(command.shell()).isEqualTo("./backtrack replay " + source + " --from-time " + base.plusSeconds(5)
                + " --to-time " + base.plusSeconds(25) + " --to " + target + " --bootstrap " + bootstrap
                + " --create-target --filter 'value.n % 2 == 0' --drop-header traceparent --verify");
        assertThat(command.notes()).isEmpty();
        List<String> args = new ArrayList<>(command.commands().getFirst());
        args.add("--dry-run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        JsonNode cli = new ObjectMapper().readTree(out.toString());
        assertThat(cli.path("matched").asLong()).isEqualTo(10);
        Map<String, Object> cliPlan = new ObjectMapper().convertValue(cli.path("plan"), Map.class);
        Map<String, Object> uiPlan = new HashMap<>(new ObjectMapper().convertValue(preview.plan(), Map.class));
        for (String differs : List.of("id", "source", "target")) {
            cliPlan.remove(differs);
            uiPlan.remove(differs);
        }
        assertThat(cliPlan).isEqualTo(uiPlan);
        vm.close();
    }

    @Test
    void aProtectedTargetIsRefusedInTheDryRunAndCannotRun() {
        String source = sourceTopic(6);
        ReplayWizardViewModel vm = wizard(settings("prod-eu").withWriteProtected(true),
                new BrowseSelection(source, 3, 1, Position.BEGINNING, EndBound.NONE, null, null, List.of()));
        vm.start();
        assertThat(vm.source().rangeKindProperty().get()).isEqualTo(SourceStep.RangeKind.ALL);
        assertThat(vm.source().selectedPartitions()).containsExactly(1);
        vm.next();
        vm.target().topicProperty().set(source);
        vm.next();
        vm.next();
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.DRY_RUN);
        assertThat(vm.errors()).singleElement().asString().contains("'prod-eu' is protected");
        assertThat(vm.canRun()).isFalse();
        vm.next();
        assertThat(vm.stepProperty().get()).isEqualTo(ReplayWizardViewModel.Step.DRY_RUN);
        assertThat(vm.command().shell()).contains(" -p 1 ");
    }

    @Test
    void anotherSavedProfileIsATargetAndTheCommandNamesIt() {
        String source = sourceTopic(9);
        String target = TestTopics.create(bootstrap, "wiz-profile", 3);
        ConnectionSettings settings = settings("test");
        KafkaClients clients = new KafkaClients(settings);
        TargetProfiles profiles = new TargetProfiles() {
            @Override
            public List<String> names() {
                return List.of("staging");
            }

            @Override
            public ConnectionSettings resolve(String name) {
                return ConnectionSettings.plaintext(bootstrap).withName(name);
            }
        };
        ReplayWizardViewModel vm = new ReplayWizardViewModel(new ReplayEnvironment("test", "dev", settings, clients,
                new Browser(clients, new RecordDecoder(null)), profiles), UiExecutor.direct(),
                new BrowseSelection(source, 3, null, Position.BEGINNING, EndBound.NONE, null, null, List.of()));
        vm.start();
        vm.next();
        TargetStep.Choice staging = vm.target().connections().stream().filter(c -> "staging".equals(c.profile())).findFirst().orElseThrow();
        vm.target().connectionProperty().set(staging);
        assertThat(vm.target().topics()).contains(target);
        vm.target().topicProperty().set(target);
        assertThat(vm.target().settings().name()).isEqualTo("staging");
        vm.next();
        vm.options().exactlyOnceProperty().set(true);
        vm.options().commitEveryProperty().set("4");
        vm.next();
        vm.next();
        ReplayReport report = vm.reportProperty().get();
        assertThat(report.targetCluster()).isEqualTo("staging");
        assertThat(report.written()).isEqualTo(9);
        assertThat(report.verified()).isTrue();
        assertThat(vm.targetIsThisConnection()).isFalse();
        assertThat(vm.command().shell()).isEqualTo("./backtrack replay " + source + " --to " + target
                + " --profile dev --target-profile staging --exactly-once --commit-every 4 --verify");
        assertThat(readAll(target)).hasSize(9);
    }

    @Test
    void aRunningReplayPausesResumesAndFinishes() {
        ReplayWizardViewModel vm = runningAtTenPerSecond("wiz-pause");
        List<String> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        vm.runStatusProperty().addListener((o, a, status) -> statuses.add(status));
        await().atMost(WAIT).until(() -> vm.progressProperty().get() != null && vm.progressProperty().get().sent() > 0);
        vm.pause();
        await().atMost(WAIT).until(() -> vm.progressProperty().get().paused());
        long sentWhenPaused = vm.progressProperty().get().sent();
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> vm.progressProperty().get().sent() == sentWhenPaused);
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.runStatusProperty().get()).as("still sending").isNull();
        vm.resume();
        await().atMost(WAIT).until(() -> vm.reportProperty().get() != null);
        assertThat(vm.reportProperty().get().written()).isEqualTo(40);
        assertThat(vm.reportProperty().get().verified()).isTrue();
        // once everything is sent the figures stand still: the status says what the replay does meanwhile
        assertThat(statuses).containsExactly("Waiting for the target to acknowledge the records sent…",
                "Reading the target back to verify what was written…", null);
    }

    @Test
    void aCancelledReplaySaysItIsStoppingUntilItHasStopped() {
        ReplayWizardViewModel vm = runningAtTenPerSecond("wiz-cancel");
        List<String> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        vm.runStatusProperty().addListener((o, a, status) -> statuses.add(status));
        await().atMost(WAIT).until(() -> vm.progressProperty().get() != null && vm.progressProperty().get().sent() > 0);
        vm.cancel();
        await().atMost(WAIT).until(() -> vm.reportProperty().get() != null);
        assertThat(vm.reportProperty().get().status()).isEqualTo(ReplayReport.CANCELLED);
        assertThat(vm.reportProperty().get().written()).isPositive().isLessThan(40);
        assertThat(vm.cancellingProperty().get()).isFalse();
        assertThat(statuses).containsExactly("Cancelling: no further record is sent…",
                "Cancelling: waiting for the target to acknowledge the records sent…", null);
    }

    /** A wizard replaying 40 records at 10 records/s, started, on a threaded executor. */
    private ReplayWizardViewModel runningAtTenPerSecond(String targetName) {
        String source = sourceTopic(40);
        String target = TestTopics.create(bootstrap, targetName, 3);
        UiExecutor threaded = new UiExecutor() {
            @Override
            public void background(Runnable work) {
                Thread.ofVirtual().start(work);
            }

            @Override
            public synchronized void onFx(Runnable update) {
                update.run();
            }
        };
        ReplayWizardViewModel vm = new ReplayWizardViewModel(env(settings("test")), threaded,
                new BrowseSelection(source, 3, null, Position.BEGINNING, EndBound.NONE, null, null, List.of()));
        vm.start();
        vm.next();
        await().atMost(WAIT).until(() -> !vm.target().loadingProperty().get());
        vm.target().topicProperty().set(target);
        vm.next();
        vm.options().speedProperty().set(OptionsStep.Speed.RATE);
        vm.options().rateProperty().set("10");
        vm.next();
        await().atMost(WAIT).until(vm::canRun);
        vm.next();
        return vm;
    }

    private ConnectionSettings settings(String name) {
        return ConnectionSettings.plaintext(bootstrap).withName(name);
    }

    private ReplayEnvironment env(ConnectionSettings settings) {
        KafkaClients clients = new KafkaClients(settings);
        return new ReplayEnvironment(settings.name(), null, settings, clients, new Browser(clients, new RecordDecoder(null)),
                TargetProfiles.NONE);
    }

    private ReplayWizardViewModel wizard(ConnectionSettings settings, BrowseSelection selection) {
        return new ReplayWizardViewModel(env(settings), UiExecutor.direct(), selection);
    }

    /** n records "k{i}" → {"n":i} in partition i % 3, one second apart from {@code base}, with two headers each. */
    private String sourceTopic(int n) {
        String topic = TestTopics.create(bootstrap, "wiz-src", 3);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                var headers = List.<org.apache.kafka.common.header.Header>of(new RecordHeader("tenant", ("t" + i % 2).getBytes()),
                        new RecordHeader("traceparent", ("00-" + i).getBytes()));
                p.send(new ProducerRecord<>(topic, i % 3, base.plusSeconds(i).toEpochMilli(), ("k" + i).getBytes(),
                        ("{\"n\":" + i + "}").getBytes(), headers));
            }
            p.flush();
        }
        return topic;
    }

    private List<RawRecord> readAll(String topic) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        List<PartitionRange> ranges = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = clients.consumer(IsolationLevel.READ_COMMITTED)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            tps.forEach(tp -> ranges.add(new PartitionRange(tp.partition(), 0, end.get(tp))));
        }
        List<RawRecord> out = new ArrayList<>();
        new RangeReader(clients, IsolationLevel.READ_COMMITTED).read(topic, ranges, out::addAll, Cancellation.none());
        return out;
    }
}
