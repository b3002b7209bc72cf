package dev.backtrack.replay;

import static dev.backtrack.replay.ReplayFixtures.readAll;
import static dev.backtrack.replay.ReplayFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.LogBatches;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Partition mappings, timestamp policies (and the pre-flight warning), header policies, provenance, dry-run. */
@Timeout(240)
class ReplayPolicyTest {
    private final String bootstrap = TestServers.bootstrap();
    private final ReplayRunner runner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE);
    private final long base = System.currentTimeMillis() - 600_000L;
    private String source;

    @BeforeEach
    void sourceWithThreePartitions() {
        source = TestTopics.create(bootstrap, "pol-src", 3);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < 10; i++) {
                String key = i == 9 ? null : "key-" + p + "-" + i;
                records.add(record(source, p, base + p * 100 + i * 10, key, "v" + p + "-" + i,
                        "traceparent", "00-abc", "app.kind", "order", "app.kind", "dup", "bin", null));
            }
        }
        ReplayFixtures.produce(bootstrap, records);
    }

    private ReplayPlan plan(String target) {
        return ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, target));
    }

    @Test
    void samePartitionKeepsNumbersAndOrderAndRefusesASmallerTarget() {
        String target = TestTopics.create(bootstrap, "same", 3);
        runner.run(plan(target), Cancellation.none());
        List<RawRecord> out = readAll(bootstrap, target);
        for (RawRecord r : out) {
            assertThat(new String(r.value())).startsWith("v" + r.partition() + "-");
        }
        for (int p = 0; p < 3; p++) {
            int partition = p;
            assertThat(out.stream().filter(r -> r.partition() == partition).map(r -> new String(r.value())).toList())
                    .containsExactly(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "v" + partition + "-" + i).toArray(String[]::new));
        }
        String small = TestTopics.create(bootstrap, "small", 2);
        assertThatThrownBy(() -> runner.run(plan(small), Cancellation.none())).isInstanceOf(BacktrackException.class)
                .hasMessageContaining("source partition 2");
        assertThat(ReplayFixtures.endOffsets(bootstrap, small)).containsEntry(0, 0L).containsEntry(1, 0L);
    }

    @Test
    void byKeyUsesTheDefaultPartitionerAndSpreadsNullKeys() {
        String target = TestTopics.create(bootstrap, "bykey", 4);
        runner.run(plan(target).withMapping(PartitionMapping.BY_KEY), Cancellation.none());
        List<RawRecord> out = readAll(bootstrap, target);
        assertThat(out).hasSize(30);
        for (RawRecord r : out) {
            if (r.key() != null) {
                assertThat(r.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(r.key())) % 4);
            }
        }
        assertThat(out.stream().filter(r -> r.key() == null).map(RawRecord::partition).distinct().count()).isGreaterThan(1);
    }

    @Test
    void roundRobinAndFixed() {
        String rr = TestTopics.create(bootstrap, "rr", 3);
        runner.run(plan(rr).withMapping(PartitionMapping.ROUND_ROBIN), Cancellation.none());
        assertThat(ReplayFixtures.endOffsets(bootstrap, rr)).containsEntry(0, 10L).containsEntry(1, 10L).containsEntry(2, 10L);

        String fixed = TestTopics.create(bootstrap, "fixed", 3);
        runner.run(plan(fixed).withMapping(new PartitionMapping.Fixed(1)), Cancellation.none());
        assertThat(ReplayFixtures.endOffsets(bootstrap, fixed)).containsEntry(0, 0L).containsEntry(1, 30L).containsEntry(2, 0L);
        // order within each source partition survives the merge into one partition
        List<String> p0 = readAll(bootstrap, fixed).stream().map(r -> new String(r.value())).filter(v -> v.startsWith("v0-")).toList();
        assertThat(p0).containsExactly(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "v0-" + i).toArray(String[]::new));
    }

    @Test
    void timestampPoliciesKeepNowAndShift() {
        String keep = TestTopics.create(bootstrap, "ts-keep", 3);
        runner.run(plan(keep), Cancellation.none());
        assertThat(readAll(bootstrap, keep)).allSatisfy(r -> {
            int p = r.partition();
            int i = Integer.parseInt(new String(r.value()).substring(3));
            assertThat(r.timestamp()).isEqualTo(base + p * 100 + i * 10);
        });

        String now = TestTopics.create(bootstrap, "ts-now", 3);
        long before = System.currentTimeMillis();
        runner.run(plan(now).withTimestamps(TimestampPolicy.NOW), Cancellation.none());
        long after = System.currentTimeMillis();
        assertThat(readAll(bootstrap, now)).allSatisfy(r -> assertThat(r.timestamp()).isBetween(before, after));

        String shifted = TestTopics.create(bootstrap, "ts-shift", 3);
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() - 60_000L);
        runner.run(plan(shifted).withTimestamps(new TimestampPolicy.ShiftTo(start)), Cancellation.none());
        assertThat(readAll(bootstrap, shifted)).allSatisfy(r -> {
            int p = r.partition();
            int i = Integer.parseInt(new String(r.value()).substring(3));
            assertThat(r.timestamp()).isEqualTo(start.toEpochMilli() + p * 100 + i * 10);
        });
    }

    /** "Now" is the time each record is sent, also when a paced replay sends long after its records were read ahead. */
    @Test
    void nowIsTheTimeOfSendingInAPacedReplay() {
        String paced = TestTopics.create(bootstrap, "ts-now-paced", 3);
        runner.run(plan(paced).withTimestamps(TimestampPolicy.NOW).withPace(new Pace.RateLimit(15)), Cancellation.none());
        List<Long> stamps = readAll(bootstrap, paced).stream().map(r -> r.timestamp()).sorted().toList();
        assertThat(stamps).hasSize(30);
        // 30 records at 15 per second take about 2 s to send
        assertThat(stamps.getLast() - stamps.getFirst()).isGreaterThan(1500);
    }

    @Test
    void preflightWarnsWhenTheTargetWouldRejectOldTimestamps() {
        String strict = TestTopics.create(bootstrap, "ts-strict", 3, Map.of("message.timestamp.before.max.ms", "60000"));
        List<String> warnings = runner.preflight(plan(strict));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("message.timestamp.before.max.ms").contains("rejected"));
        assertThat(runner.preflight(plan(strict).withTimestamps(TimestampPolicy.NOW))).isEmpty();
        ReplayReport dry = runner.dryRun(plan(strict), Cancellation.none());
        assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("message.timestamp.before.max.ms"));
        // and the broker really rejects them: every record is a reported failure, nothing is lost silently
        ReplayReport report = runner.run(plan(strict), Cancellation.none());
        assertThat(report.failed()).isEqualTo(30);
        assertThat(report.failures()).isNotEmpty();
        // rejected, so certainly not written: no word of records that may have been
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w).contains("in time"));
    }

    @Test
    void recordsWithoutAnAcknowledgementInTimeAreReportedAsPossiblyWritten() {
        ReplayPlan plan = plan(TestTopics.create(bootstrap, "timed-out", 3));
        ReplaySetup setup = ReplaySetup.prepare(plan, WriteGuard.REFUSE_PROTECTED);
        SendResult result = new SendResult(30, 26, 4, 3, List.of(), 0, java.time.Duration.ofMillis(10), 0,
                new java.util.TreeMap<>(), Map.of(), false);
        ReplayReport report = ReplayAudit.report(plan, setup, new ReadCounts(), result, null, false, null, null, List.of());
        assertThat(report.warnings()).contains("3 record(s) failed for want of an acknowledgement in time and may have been written "
                + "all the same; verifying the replay finds out which");
        // a rejected record was certainly not written: no such word without a timeout
        SendResult rejected = new SendResult(30, 26, 4, 0, List.of(), 0, java.time.Duration.ofMillis(10), 0, new java.util.TreeMap<>(), Map.of(), false);
        assertThat(ReplayAudit.report(plan, setup, new ReadCounts(), rejected, null, false, null, null, List.of()).warnings())
                .noneSatisfy(w -> assertThat(w).contains("in time"));
    }

    @Test
    void headerPoliciesAndProvenance() {
        String dropped = TestTopics.create(bootstrap, "hdr-drop", 3);
        runner.run(plan(dropped).withHeaders(new HeaderPolicy(false, List.of(), List.of("trace*"), true)), Cancellation.none());
        RawRecord first = readAll(bootstrap, dropped).get(0);
        assertThat(first.headers()).extracting(RawHeader::key)
                .containsExactly("app.kind", "app.kind", "bin", HeaderPolicy.SOURCE_HEADER, HeaderPolicy.ID_HEADER);
        assertThat(first.headers().get(2).value()).isNull();
        assertThat(new String(first.lastHeader(HeaderPolicy.SOURCE_HEADER).value(), StandardCharsets.UTF_8))
                .matches(".+/" + source + "/0/0");

        String kept = TestTopics.create(bootstrap, "hdr-keep", 3);
        ReplayPlan keepPlan = plan(kept).withHeaders(new HeaderPolicy(false, List.of("app.*"), List.of(), false));
        runner.run(keepPlan, Cancellation.none());
        assertThat(readAll(bootstrap, kept).get(0).headers()).extracting(h -> h.key() + "=" + new String(h.value()))
                .containsExactly("app.kind=order", "app.kind=dup");

        String none = TestTopics.create(bootstrap, "hdr-none", 3);
        ReplayReport report = runner.run(plan(none).withHeaders(new HeaderPolicy(true, List.of(), List.of(), true)), Cancellation.none());
        RawRecord r = readAll(bootstrap, none).get(0);
        assertThat(r.headers()).extracting(RawHeader::key).containsExactly(HeaderPolicy.SOURCE_HEADER, HeaderPolicy.ID_HEADER);
        assertThat(new String(r.lastHeader(HeaderPolicy.ID_HEADER).value())).isEqualTo(report.replayId());
    }

    @Test
    void dryRunSendsNothingAndPreviewsTheChanges() {
        String target = TestTopics.create(bootstrap, "dry", 3);
        Map<Integer, Long> before = ReplayFixtures.endOffsets(bootstrap, target);
        ReplayReport report = runner.dryRun(plan(target).withHeaders(new HeaderPolicy(false, List.of(), List.of("traceparent"), true))
                .withFilter(null), Cancellation.none());
        assertThat(ReplayFixtures.endOffsets(bootstrap, target)).isEqualTo(before).containsEntry(0, 0L);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.status()).isEqualTo(ReplayReport.DRY_RUN);
        assertThat(report.read()).isEqualTo(30);
        assertThat(report.sent()).isZero();
        assertThat(report.preview().headersDropped()).containsEntry("traceparent", 30L);
        assertThat(report.preview().headersAdded()).containsEntry(HeaderPolicy.SOURCE_HEADER, 30L);
        assertThat(report.preview().first().get(0).source()).endsWith("/0@0");
        assertThat(report.preview().last().get(2).source()).endsWith("/2@9");
        assertThat(report.preview().perTargetPartition()).containsEntry(0, 10L);

        String missing = TestTopics.unique("dry-missing");
        ReplayPlan create = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL),
                new ReplayTarget(dev.backtrack.kafka.ConnectionSettings.plaintext(bootstrap), missing, ReplayTarget.Creation.likeSource()));
        ReplayReport createReport = runner.dryRun(create, Cancellation.none());
        assertThat(createReport.warnings()).anySatisfy(w -> assertThat(w).contains("will be created with 3 partitions"));
        ReplayReport created = runner.run(create.withVerify(true), Cancellation.none());
        assertThat(created.targetCreated()).isTrue();
        assertThat(created.verified()).isTrue();
        assertThat(ReplayFixtures.endOffsets(bootstrap, missing)).hasSize(3);
    }

    @Test
    void aCelFilterSelectsRecords() {
        String target = TestTopics.create(bootstrap, "filtered", 3);
        ReplayReport report = runner.run(plan(target).withFilter("value.endsWith('-3')"), Cancellation.none());
        assertThat(report.read()).isEqualTo(30);
        assertThat(report.matched()).isEqualTo(3);
        assertThat(readAll(bootstrap, target)).extracting(r -> new String(r.value())).containsExactly("v0-3", "v1-3", "v2-3");
    }

    @Test
    void aTargetThatTakesOnlySmallBatchesIsSentBatchesItAccepts() {
        String target = TestTopics.create(bootstrap, "smallbatches", 3, Map.of("max.message.bytes", "20000"));
        TargetChecks.Target found = TargetChecks.inspect(new KafkaClients(ConnectionSettings.plaintext(bootstrap)),
                ReplayFixtures.target(bootstrap, target), null);
        assertThat(found.maxMessageBytes()).isEqualTo(20_000);
        assertThat(BatchSize.forReplay(found.partitions(), ReplayRunner.PRODUCERS, SendOptions.defaults().producerBufferBytes(),
                found.maxMessageBytes())).isEqualTo(20_000);
        ReplayReport report = runner.run(plan(target), Cancellation.none());
        assertThat(report.written()).isEqualTo(30);
        assertThat(readAll(bootstrap, target)).hasSize(30);
    }

    @Test
    void compressionFollowsTheTargetTopicUnlessTheUserChose() {
        List<ReplayFixtures.Content> expected = readAll(bootstrap, source).stream().map(ReplayFixtures::content).toList();

        // Kafka's default compression.type=producer, and these small, repetitive records compress: the replay sends lz4,
        // and the broker keeps lz4 batches
        String open = TestTopics.create(bootstrap, "cmp-auto", 3);
        ReplayReport auto = runner.run(plan(open).withVerify(true), Cancellation.none());
        assertThat((String) auto.plan().get("compression")).matches(
                "lz4 \\(auto: the target topic's compression.type is producer, and a sample of the records compresses to \\d+ % with lz4\\)");
        assertThat(LogBatches.recordsByCompression(bootstrap, open)).isEqualTo(Map.of("lz4", 30L));
        assertThat(auto.verified()).isTrue();
        assertThat(auto.verifiedChecksum()).isEqualTo(auto.expectedChecksum());
        assertThat(readAll(bootstrap, open).stream().map(r -> ReplayFixtures.content(r).withHeaders(ReplayFixtures.withoutProvenance(r.headers())))
                .toList()).isEqualTo(expected);

        // the user's choice wins: on the same kind of topic, batches stay uncompressed
        String none = TestTopics.create(bootstrap, "cmp-none", 3);
        ReplayReport plain = runner.run(plan(none).withCompression(BatchCompression.NONE), Cancellation.none());
        assertThat(plain.plan()).containsEntry("compression", "none");
        assertThat(LogBatches.recordsByCompression(bootstrap, none)).isEqualTo(Map.of("none", 30L));

        // so does a profile's own compression.type client property
        String profiled = TestTopics.create(bootstrap, "cmp-profile", 3);
        ConnectionSettings gzipProfile = new ConnectionSettings("gzip-profile", bootstrap, Map.of("compression.type", "gzip"), null, false);
        ReplayReport gzip = runner.run(plan(profiled).withTarget(new ReplayTarget(gzipProfile, profiled, null)), Cancellation.none());
        assertThat(gzip.plan()).containsEntry("compression", "gzip (the profile's compression.type)");
        assertThat(LogBatches.recordsByCompression(bootstrap, profiled)).isEqualTo(Map.of("gzip", 30L));

        // a topic that names its codec gets that codec; an uncompressed one gets none (seen in a dry run: the broker
        // would store the same batches whatever was sent)
        String zstd = TestTopics.create(bootstrap, "cmp-zstd", 3, Map.of("compression.type", "zstd"));
        ReplayReport zstdDry = runner.dryRun(plan(zstd), Cancellation.none());
        assertThat(zstdDry.plan()).containsEntry("compression", "zstd (auto: the target topic's compression.type is zstd)");
        assertThat(zstdDry.warnings()).noneMatch(w -> w.contains("recompresses"));
        // another codec is the user's to choose, with a warning first: the broker rewrites every batch into zstd
        assertThat(runner.checks(plan(zstd).withCompression(BatchCompression.LZ4)).warnings()).contains(
                "the target topic stores zstd batches, so the broker recompresses every batch this replay sends (lz4); --compression auto sends zstd");
        String uncompressed = TestTopics.create(bootstrap, "cmp-uncompressed", 3, Map.of("compression.type", "uncompressed"));
        assertThat(runner.dryRun(plan(uncompressed), Cancellation.none()).plan())
                .containsEntry("compression", "none (auto: the target topic's compression.type is uncompressed)");
    }

    @Test
    void recordsThatDoNotCompressAreSentUncompressedWhenTheTopicLeavesItToTheProducer() {
        String noise = TestTopics.create(bootstrap, "cmp-noise-src", 2);
        java.util.Random random = new java.util.Random(5);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] value = new byte[1000];
            random.nextBytes(value);
            records.add(new ProducerRecord<>(noise, i % 2, base + i, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
        }
        ReplayFixtures.produce(bootstrap, records);
        String target = TestTopics.create(bootstrap, "cmp-noise", 2);
        ReplayReport report = runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, noise, ReplayRange.ALL),
                ReplayFixtures.target(bootstrap, target)).withVerify(true), Cancellation.none());
        assertThat((String) report.plan().get("compression")).startsWith("none (auto: the target topic's compression.type is producer, "
                + "and a sample of the records compresses to 10");
        assertThat(LogBatches.recordsByCompression(bootstrap, target)).isEqualTo(Map.of("none", 200L));
        assertThat(report.verified()).isTrue();
    }

    @Test
    void aMissingTargetIsNamedInOneClearLine() {
        assertThatThrownBy(() -> runner.run(plan("no-such-target"), Cancellation.none())).isInstanceOf(BacktrackException.class)
                .hasMessage("target topic 'no-such-target' does not exist on '" + bootstrap + "'; create it first or ask for it to be created");
    }
}
