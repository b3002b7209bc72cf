package dev.backtrack.ui.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.ConsumerGroups;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupOffsetReset;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.OffsetResetPlan;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The groups and reset view-models against the real broker, synchronously (UiExecutor.direct()). */
class GroupsViewModelTest {
    private static final int PER_PARTITION = 20;
    /** Record i of every partition has timestamp BASE + i seconds. */
    private static final long BASE = Instant.now().minus(Duration.ofHours(2)).toEpochMilli() / 1000 * 1000;
    private static String bootstrap;
    private static KafkaClients clients;

    @BeforeAll
    static void start() {
        bootstrap = TestServers.bootstrap();
        clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withName("test"));
    }

    static String topicWithRecords(String bootstrap, int partitions) {
        String topic = TestTopics.create(bootstrap, "uigroups", partitions);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PER_PARTITION; i++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, BASE + i * 1000L, ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("v" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
        return topic;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A group with committed offsets and no members: a consumer with group.id commits, then closes. */
    static void commit(String bootstrap, String group, String topic, Map<Integer, Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, group)) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
            c.assign(commit.keySet());
            c.commitSync(commit);
        }
    }

    @Test
    void listsGroupsWithLagPerPartitionAndFiltersByTopic() {
        String topic = topicWithRecords(bootstrap, 3);
        String other = topicWithRecords(bootstrap, 1);
        String group = TestTopics.unique("billing");
        commit(bootstrap, group, topic, Map.of(0, 5L, 1, 20L, 2, 0L));

        GroupsViewModel vm = new GroupsViewModel(new ConsumerGroups(clients), UiExecutor.direct());
        vm.refresh();
        assertThat(vm.errorProperty().get()).isNull();
        GroupRow row = vm.rows().stream().filter(r -> r.groupId().equals(group)).findFirst().orElseThrow();
        assertThat(row.totalLag()).isEqualTo(15 + 0 + 20);
        assertThat(row.members()).isZero();
        assertThat(row.topics()).containsExactly(topic);
        assertThat(row.maxTimeLag()).isGreaterThanOrEqualTo(Duration.between(Instant.ofEpochMilli(BASE), Instant.now()).minusMinutes(1));
        assertThat(row.trend()).containsExactly(35L);
        assertThat(vm.statusProperty().get()).contains("groups").contains("lagging");

        vm.selectedProperty().set(group);
        assertThat(vm.partitions()).extracting(GroupLag::partition, GroupLag::committed, GroupLag::endOffset, GroupLag::lag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 5L, 20L, 15L), org.assertj.core.groups.Tuple.tuple(1, 20L, 20L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2, 0L, 20L, 20L));
        GroupLag p0 = vm.partitions().getFirst();
        assertThat(p0.committedRecordTime()).isEqualTo(Instant.ofEpochMilli(BASE + 5000));
        assertThat(vm.partitions().get(1).timeLag()).isEqualTo(Duration.ZERO);
        assertThat(vm.maxPartitionLag()).isEqualTo(20);

        vm.filterProperty().set(group.substring(0, group.length() - 2));
        assertThat(vm.visibleRows()).extracting(GroupRow::groupId).contains(group);
        vm.topicProperty().set(other);
        assertThat(vm.visibleRows()).extracting(GroupRow::groupId).doesNotContain(group);
        vm.topicProperty().set(topic);
        assertThat(vm.visibleRows()).extracting(GroupRow::groupId).containsExactly(group);

        // the next refresh keeps the selection's detail fresh and extends the trend
        commit(bootstrap, group, topic, Map.of(0, 20L));
        vm.refresh();
        assertThat(vm.rows().stream().filter(r -> r.groupId().equals(group)).findFirst().orElseThrow().trend()).containsExactly(35L, 20L);
        assertThat(vm.partitions().getFirst().lag()).isZero();
    }

    @Test
    void resetToATimestampPreviewsThenMovesTheGroupAndARealConsumerRereadsFromThere() {
        String topic = topicWithRecords(bootstrap, 2);
        String group = TestTopics.unique("replayer");
        commit(bootstrap, group, topic, Map.of(0, 20L, 1, 20L));
        AtomicInteger refreshed = new AtomicInteger();
        ResetOffsetsViewModel vm = new ResetOffsetsViewModel(group, List.of(topic), new GroupOffsetReset(clients),
                UiExecutor.direct(), refreshed::incrementAndGet);
        assertThat(vm.topicProperty().get()).isEqualTo(topic);
        vm.targetProperty().set(ResetOffsetsViewModel.Target.TIMESTAMP);
        vm.timeProperty().set(Instant.ofEpochMilli(BASE + 12_000));
        vm.apply();
        assertThat(vm.errorProperty().get()).isEqualTo("preview the reset first");

        vm.preview();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.planProperty().get().moves()).extracting(OffsetResetPlan.Move::partition, OffsetResetPlan.Move::from, OffsetResetPlan.Move::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 20L, 12L), org.assertj.core.groups.Tuple.tuple(1, 20L, 12L));
        assertThat(vm.messageProperty().get()).startsWith("2 of 2 partitions would move");
        vm.apply();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.appliedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("Applied: group '" + group + "' on " + topic);
        assertThat(refreshed.get()).isEqualTo(1);

        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, group)) {
            c.subscribe(List.of(topic));
            List<Long> firstTimestamps = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> firstTimestamps.add(r.timestamp()));
                return firstTimestamps.size() >= 16;
            });
            assertThat(firstTimestamps).hasSize(16).allMatch(t -> t >= BASE + 12_000);
        }

        // changing the form drops the plan: it must be previewed again
        vm.targetProperty().set(ResetOffsetsViewModel.Target.SHIFT);
        assertThat(vm.planProperty().get()).isNull();
        vm.shiftProperty().set("-3");
        vm.allPartitionsProperty().set(false);
        vm.partitionsProperty().set("1");
        vm.preview();
        // the re-reading consumer did not commit, so the group still stands at 12
        assertThat(vm.planProperty().get().moves()).extracting(OffsetResetPlan.Move::partition, OffsetResetPlan.Move::from, OffsetResetPlan.Move::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 12L, 9L));
    }

    @Test
    void applyIsRefusedWithTheEnginesMessageWhileMembersAreActiveAndOnProtectedProfiles() {
        String topic = topicWithRecords(bootstrap, 1);
        String group = TestTopics.unique("live");
        try (KafkaConsumer<byte[], byte[]> member = consumer(bootstrap, group)) {
            member.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            member.commitSync();
            ResetOffsetsViewModel vm = new ResetOffsetsViewModel(group, List.of(topic), new GroupOffsetReset(clients), UiExecutor.direct(), () -> { });
            vm.preview();
            assertThat(vm.planProperty().get()).isNotNull();
            vm.apply();
            assertThat(vm.errorProperty().get()).isEqualTo("group '" + group + "' has 1 active member; stop them before resetting offsets");
            assertThat(vm.appliedProperty().get()).isFalse();
        }

        KafkaClients prod = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withName("prod-eu").withWriteProtected(true));
        ResetOffsetsViewModel guarded = new ResetOffsetsViewModel(group, List.of(topic), new GroupOffsetReset(prod), UiExecutor.direct(), () -> { });
        guarded.preview();
        guarded.apply();
        assertThat(guarded.errorProperty().get()).startsWith("Refused: 'prod-eu' is protected");
    }

    @Test
    void badInputIsASentenceAndNeverReachesTheEngine() {
        ResetOffsetsViewModel vm = new ResetOffsetsViewModel("g", List.of(), new GroupOffsetReset(clients), UiExecutor.direct(), () -> { });
        vm.preview();
        assertThat(vm.errorProperty().get()).isEqualTo("choose a topic");
        vm.topicProperty().set("t");
        vm.allPartitionsProperty().set(false);
        vm.partitionsProperty().set("0,x");
        vm.preview();
        assertThat(vm.errorProperty().get()).isEqualTo("'x' is not a partition or a range like 5-7");
        vm.partitionsProperty().set("0");
        vm.targetProperty().set(ResetOffsetsViewModel.Target.OFFSET);
        vm.offsetProperty().set("12a");
        vm.preview();
        assertThat(vm.errorProperty().get()).isEqualTo("the offset must be a whole number, was '12a'");
        vm.targetProperty().set(ResetOffsetsViewModel.Target.TIMESTAMP);
        vm.preview();
        assertThat(vm.errorProperty().get()).startsWith("choose a date and a time");
        assertThat(vm.planProperty().get()).isNull();
        assertThat(ResetOffsetsViewModel.parsePartitions("3, 0-2,2")).containsExactly(0, 1, 2, 3);
        assertThat(ResetOffsetsViewModel.instant(java.time.LocalDate.of(2026, 11, 27), "14:00", java.time.ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(ResetOffsetsViewModel.instant(java.time.LocalDate.of(2026, 11, 27), "25:00", java.time.ZoneOffset.UTC)).isNull();
        assertThat(LagText.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
        assertThat(LagText.count(1234567L)).isEqualTo("1,234,567");
    }
}
