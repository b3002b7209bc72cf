package dev.backtrack.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The exact facts of the demo data that was created: topic names, record counts, schema ids, where the
 * hostile records are, the dead letters and what they point at, and the multi-topic flow with its trace
 * ids. Tests rely on these facts; the sandbox stores them in its data dir as the "demo data exists" marker.
 *
 * @param recordCounts data records a read_committed reader sees per topic; for {@code customers} the number
 *                     produced before compaction
 */
public record DemoManifest(String topicPrefix, Instant createdAt, DemoSizes sizes, Map<DemoTopic, String> topics,
                           Map<DemoTopic, Long> recordCounts, Schemas schemas, OrdersFacts orders,
                           Map<HostileKind, Long> hostileOffsets, List<DeadLetterFact> deadLetters,
                           List<SinkDeadLetterFact> sinkDeadLetters, List<FlowFact> flows, LedgerFacts ledger,
                           CustomersFacts customers, CdcFacts cdc) {

    /** Registered schemas. Ids are registry-assigned; the sandbox registers in a fixed order so they are stable. */
    public record Schemas(String ordersSubject, int ordersV1Id, int ordersV2Id, String shipmentsSubject, int shipmentsId,
                          String shipmentsMessageType, List<Integer> shipmentsMessageIndexes) {
    }

    /** The orders timeline: all timestamps lie in [from, to]; {@code burstRecords} of them in [burstFrom, burstTo). */
    public record OrdersFacts(Instant from, Instant to, Instant burstFrom, Instant burstTo, long burstRecords,
                              int customers, long v2TopicRecordsWithV1Id, long v2TopicRecordsWithV2Id) {
    }

    /** The kinds of hostile record in the {@code hostile} topic (one partition); each maps to its offset. */
    public enum HostileKind {
        /** A key that is not valid UTF-8 (0xff 0xfe 0x00 0xc3 0x28 0x80). */
        BINARY_KEY,
        /** A value of {@link DemoSizes#hugeValueBytes()} bytes. */
        HUGE_VALUE,
        /** Magic byte 0 followed by schema id 9001, which the registry does not know. */
        UNKNOWN_SCHEMA_ID,
        /** A valid orders-v1 prefix followed by an Avro body cut in half. */
        TRUNCATED_AVRO,
        /** A value of zero bytes. */
        EMPTY_VALUE,
        /** A null value (tombstone) with a key. */
        NULL_VALUE,
        /** Headers whose values are binary, invalid UTF-8, empty and null. */
        BINARY_HEADERS,
        /** Plain JSON records before and after the hostile ones. */
        NORMAL_FIRST,
        NORMAL_LAST
    }

    /** One Spring-style dead letter in {@code orders-dlt} and the real {@code orders} record it points at. */
    public record DeadLetterFact(int dltPartition, long dltOffset, int originalPartition, long originalOffset,
                                 long originalTimestamp, String exceptionFqcn, String causeFqcn, boolean fromFlow) {
    }

    /** One Connect-style dead letter in {@code sink-dlq} (partition 0) and the real {@code payments} record it copies. */
    public record SinkDeadLetterFact(long dlqOffset, int originalPartition, long originalOffset, String stage,
                                     String exceptionClass) {
    }

    /** One step of the flow: a record in orders, payments, shipments or orders-dlt. */
    public record FlowStep(DemoTopic topic, int partition, long offset, long timestamp, String traceparent) {
    }

    /** An order followed across topics; every step carries the same trace id and a new span id. */
    public record FlowFact(long orderId, String customerId, String traceId, boolean deadLettered, List<FlowStep> steps) {
    }

    public record LedgerFacts(long committedRecords, long abortedRecords, int committedTransactions,
                              int abortedTransactions) {
    }

    /** The compacted topic: every key got {@code produced / keys}-ish updates; these keys end with a tombstone. */
    public record CustomersFacts(long produced, int keys, List<String> tombstonedKeys) {
    }

    /** Debezium-style change events: rows by id, the deleted row (its delete event is followed by a tombstone). */
    public record CdcFacts(int events, List<Integer> rowIds, int deletedRowId) {
    }

    public String topic(DemoTopic topic) {
        return topics.get(topic);
    }

    public long count(DemoTopic topic) {
        return recordCounts.get(topic);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes the manifest atomically (temp file + move), so a crash never leaves half a marker. */
    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static DemoManifest load(Path file) throws IOException {
        return mapper().readValue(file.toFile(), DemoManifest.class);
    }
}
