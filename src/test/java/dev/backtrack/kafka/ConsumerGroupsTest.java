package dev.backtrack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {
    private static String bootstrap;
    private static KafkaClients clients;
    /** Records per partition; record i of partition p has timestamp BASE + (i * 1000) + p. */
    private static final int PER_PARTITION = 20;
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli();

    @BeforeAll
    static void start() {
        bootstrap = TestServers.bootstrap();
        clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
    }

    private static String topicWithRecords(int partitions) {
        String topic = TestTopics.create(bootstrap, "groups", partitions);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PER_PARTITION; i++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, BASE + i * 1000L + p, ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("v" + p + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
        return topic;
    }

    private static KafkaConsumer<byte[], byte[]> groupConsumer(String group, String protocol) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Commits the given offsets for a group without joining it (a "simple" group, like a manual assign app). */
    private static void commit(String group, String topic, Map<Integer, Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> c = groupConsumer(group, "classic")) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
            c.assign(commit.keySet());
            c.commitSync(commit);
        }
    }

    /** Runs Kafka's own kafka-consumer-groups --describe in-process; returns partition → [current, log-end, lag]. */
    private static Map<Integer, long[]> kafkaToolDescribe(String group, String topic) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ConsumerGroupCommand.main(new String[] {"--bootstrap-server", bootstrap, "--describe", "--group", group});
            } finally {
                System.setOut(original);
            }
        }
        Map<Integer, long[]> out = new TreeMap<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 6 && cols[0].equals(group) && cols[1].equals(topic)) {
                out.put(Integer.parseInt(cols[2]), new long[] {Long.parseLong(cols[3]), Long.parseLong(cols[4]), Long.parseLong(cols[5])});
            }
        }
        assertThat(out).as("tool output:\n" + captured.toString(StandardCharsets.UTF_8)).isNotEmpty();
        return out;
    }

    @Test
    void lagEqualsKafkaConsumerGroupsTool() {
        String topic = topicWithRecords(3);
        String group = TestTopics.unique("billing");
        commit(group, topic, Map.of(0, 3L, 1, 11L, 2, 20L));
        GroupInfo info = new ConsumerGroups(clients).describe(group, true);
        Map<Integer, long[]> tool = kafkaToolDescribe(group, topic);

        assertThat(info.partitionsOf(topic)).hasSize(3);
        long toolTotal = 0;
        for (GroupLag lag : info.partitionsOf(topic)) {
            long[] t = tool.get(lag.partition());
            assertThat(new long[] {lag.committed(), lag.endOffset(), lag.lag()}).as("partition " + lag.partition()).containsExactly(t);
            toolTotal += t[2];
        }
        assertThat(info.totalLag()).isEqualTo(toolTotal).isEqualTo(17 + 9);
        assertThat(info.hasActiveMembers()).isFalse();
        // time lag: the age of the first unconsumed record (partition 0, offset 3 → timestamp BASE + 3000)
        GroupLag p0 = info.partitionsOf(topic).get(0);
        assertThat(p0.committedRecordTime()).isEqualTo(Instant.ofEpochMilli(BASE + 3000));
        assertThat(p0.timeLag()).isGreaterThanOrEqualTo(Duration.ofMinutes(29));
        GroupLag p2 = info.partitionsOf(topic).get(2);
        assertThat(p2.lag()).isZero();
        assertThat(p2.timeLag()).isEqualTo(Duration.ZERO);
        assertThat(info.maxTimeLag()).isEqualTo(p0.timeLag());
    }

    @Test
    void activeGroupsOfBothProtocolsAreListedWithMembersAndToolLag() {
        String topic = topicWithRecords(2);
        String classic = TestTopics.unique("classic");
        String modern = TestTopics.unique("modern");
        try (KafkaConsumer<byte[], byte[]> a = groupConsumer(classic, "classic"); KafkaConsumer<byte[], byte[]> b = groupConsumer(modern, "consumer")) {
            a.subscribe(List.of(topic));
            b.subscribe(List.of(topic));
            int readA = 0;
            int readB = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((readA < 2 * PER_PARTITION || readB < 2 * PER_PARTITION) && System.nanoTime() < deadline) {
                readA += a.poll(Duration.ofMillis(100)).count();
                readB += b.poll(Duration.ofMillis(100)).count();
            }
            assertThat(readA).isEqualTo(2 * PER_PARTITION);
            assertThat(readB).isEqualTo(2 * PER_PARTITION);
            a.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5), new TopicPartition(topic, 1), new OffsetAndMetadata(15)));
            b.commitSync();

            ConsumerGroups groups = new ConsumerGroups(clients);
            Map<String, GroupSummary> listed = new HashMap<>();
            groups.list().forEach(g -> listed.put(g.groupId(), g));
            assertThat(listed.get(classic).type()).isEqualTo("classic");
            assertThat(listed.get(modern).type()).isEqualTo("consumer");

            for (String group : List.of(classic, modern)) {
                GroupInfo info = groups.describe(group, false);
                assertThat(info.members()).hasSize(1);
                assertThat(info.members().get(0).assigned()).containsExactlyInAnyOrder(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
                Map<Integer, long[]> tool = kafkaToolDescribe(group, topic);
                for (GroupLag lag : info.partitionsOf(topic)) {
                    assertThat(new long[] {lag.committed(), lag.endOffset(), lag.lag()}).as(group + " p" + lag.partition())
                            .containsExactly(tool.get(lag.partition()));
                    assertThat(lag.memberId()).isEqualTo(info.members().get(0).memberId());
                }
            }
            assertThat(groups.describe(classic, false).totalLag()).isEqualTo(15 + 5);
            assertThat(groups.describe(modern, false).totalLag()).isZero();

            // reset is refused while the group has an active member
            GroupOffsetReset reset = new GroupOffsetReset(clients);
            OffsetResetPlan plan = reset.preview(classic, topic, List.of(), new OffsetReset.ToEarliest());
            assertThat(plan.moves()).extracting(OffsetResetPlan.Move::to).containsExactly(0L, 0L);
            assertThatThrownBy(() -> reset.apply(plan)).isInstanceOf(BacktrackException.class)
                    .hasMessage("group '" + classic + "' has 1 active member; stop them before resetting offsets");
            assertThat(groups.describe(classic, false).partitionsOf(topic)).extracting(GroupLag::committed).containsExactly(5L, 15L);
        }
    }

    @Test
    void resetToTimestampMakesARealConsumerReReadFromThere() {
        String topic = topicWithRecords(3);
        String group = TestTopics.unique("rewind");
        try (KafkaConsumer<byte[], byte[]> c = groupConsumer(group, "consumer")) {
            c.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < 3 * PER_PARTITION && System.nanoTime() < deadline) {
                read += c.poll(Duration.ofMillis(100)).count();
            }
            assertThat(read).isEqualTo(3 * PER_PARTITION);
            c.commitSync();
        }
        Instant at = Instant.ofEpochMilli(BASE + 12_000);
        GroupOffsetReset reset = new GroupOffsetReset(clients);
        OffsetResetPlan plan = reset.preview(group, topic, List.of(0, 2), new OffsetReset.ToTime(at));
        // partition 0: record 12 has ts BASE+12000 (exactly at T); partition 2: record 12 has BASE+12002 (first at/after T)
        assertThat(plan.moves()).containsExactly(new OffsetResetPlan.Move(0, 20L, 12), new OffsetResetPlan.Move(2, 20L, 12));
        reset.apply(plan);

        List<String> reread = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = groupConsumer(group, "consumer")) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reread.size() < 16 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    assertThat(r.timestamp()).isGreaterThanOrEqualTo(at.toEpochMilli());
                    reread.add(r.partition() + "@" + r.offset());
                }
            }
            // nothing more arrives: partition 1 was not reset
            assertThat(c.poll(Duration.ofSeconds(1)).count()).isZero();
        }
        List<String> expected = new ArrayList<>();
        for (int p : List.of(0, 2)) {
            for (int o = 12; o < 20; o++) {
                expected.add(p + "@" + o);
            }
        }
        assertThat(reread).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void previewClampsOffsetsAndShiftsAndApplyIsGuardedAndAudited() {
        String topic = topicWithRecords(2);
        String group = TestTopics.unique("shift");
        commit(group, topic, Map.of(0, 10L, 1, 2L));
        GroupOffsetReset reset = new GroupOffsetReset(clients);
        assertThat(reset.preview(group, topic, List.of(), new OffsetReset.Shift(-5)).moves())
                .containsExactly(new OffsetResetPlan.Move(0, 10L, 5), new OffsetResetPlan.Move(1, 2L, 0));
        assertThat(reset.preview(group, topic, List.of(1), new OffsetReset.ToOffset(999)).moves())
                .containsExactly(new OffsetResetPlan.Move(1, 2L, 20));
        assertThat(reset.preview(group, topic, List.of(), new OffsetReset.ToLatest()).moves())
                .extracting(OffsetResetPlan.Move::to).containsExactly(20L, 20L);
        assertThatThrownBy(() -> reset.preview(group, topic, List.of(7), new OffsetReset.ToLatest()))
                .hasMessage("topic '" + topic + "' has no partition 7 (it has 2)");

        // a protected connection refuses the write and nothing moves
        KafkaClients prod = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withName("prod").withWriteProtected(true));
        OffsetResetPlan plan = new GroupOffsetReset(prod).preview(group, topic, List.of(), new OffsetReset.Shift(-5));
        assertThatThrownBy(() -> new GroupOffsetReset(prod).apply(plan)).isInstanceOf(WriteRefusedException.class);
        assertThat(new ConsumerGroups(clients).describe(group, false).partitionsOf(topic)).extracting(GroupLag::committed).containsExactly(10L, 2L);

        // an allowed write is applied and audited
        List<Map<String, Object>> audit = new ArrayList<>();
        WriteGuard recording = new WriteGuard() {
            @Override
            public void checkWrite(ConnectionSettings target, WriteAction action, String t) {
                assertThat(action).isEqualTo(WriteAction.RESET_OFFSETS);
            }

            @Override
            public void recordWrite(ConnectionSettings target, WriteAction action, String t, String outcome, Map<String, Object> details) {
                assertThat(outcome).isEqualTo(WriteGuard.WRITTEN);
                audit.add(details);
            }
        };
        new GroupOffsetReset(new KafkaClients(ConnectionSettings.plaintext(bootstrap), recording)).apply(plan);
        assertThat(new ConsumerGroups(clients).describe(group, false).partitionsOf(topic)).extracting(GroupLag::committed).containsExactly(5L, 0L);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsEntry("group", group).containsEntry("partitions", 2).containsEntry("reset", "shift -5");
    }

    @Test
    void describingAnUnknownGroupSaysSo() {
        assertThatThrownBy(() -> new ConsumerGroups(clients).describe("no-such-group-" + System.nanoTime(), false))
                .isInstanceOf(BacktrackException.class).hasMessageContaining("does not exist");
    }
}
