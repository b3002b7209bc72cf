package dev.backtrack.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the topics that stand on their own: {@code customers} (compacted, with updates and tombstones,
 * several segments so the cleaner leaves offset gaps), {@code ledger} (transactional, every fourth
 * transaction aborted) and a Debezium-style change-data-capture topic.
 */
final class SideTopicsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Ana", "Ben", "Chloé", "Dário", "Emma", "Femi", "Greta", "Hiro", "Ines", "Jonas"};
    private static final String[] LAST = {"Silva", "Meyer", "Dubois", "Jansen", "Kowalska", "Rossi", "Peeters", "Berg"};
    private static final String[] TIERS = {"BRONZE", "SILVER", "GOLD", "PLATINUM"};

    private final DemoRun run;

    SideTopicsWriter(DemoRun run) {
        this.run = run;
    }

    /**
     * One round per segment: every key is updated in each round except the last (only even keys), and every
     * fifth key gets a tombstone in the second-to-last round; a final single update closes the last round. The topic's segment.ms is tiny and the
     * rounds' timestamps are days apart, so each flushed round rolls a new segment the cleaner can compact.
     */
    DemoManifest.CustomersFacts writeCustomers() {
        Random random = DemoRun.random("customers");
        int keys = run.sizes.customers();
        int rounds = run.sizes.customerRounds();
        long start = run.timeline.from.toEpochMilli();
        long roundSpan = Duration.ofDays(6).toMillis() / rounds;
        long produced = 0;
        List<String> tombstoned = new ArrayList<>();
        String topic = run.topic(DemoTopic.CUSTOMERS);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.CUSTOMERS, Map.of("linger.ms", 5))) {
            DemoSends sends = new DemoSends(producer);
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < keys; k++) {
                    String id = run.customerIds.get(k);
                    long ts = start + r * roundSpan + k * 1_000L;
                    byte[] value;
                    if (k % 5 == 0 && r == rounds - 2) {
                        value = null;
                        tombstoned.add(id);
                    } else if (k % 5 == 0 && r == rounds - 1 || r == rounds - 1 && k % 2 == 1) {
                        continue;
                    } else {
                        value = customerJson(id, k, r, ts, random);
                    }
                    sends.send(new ProducerRecord<>(topic, null, ts, DemoRun.utf8(id), value), null);
                    produced++;
                }
                sends.flush("customers");
            }
            // the cleaner never touches the active segment: one last update rolls the final round out of it
            String last = run.customerIds.get(1);
            long ts = run.now.minus(Duration.ofMinutes(5)).toEpochMilli();
            sends.send(new ProducerRecord<>(topic, null, ts, DemoRun.utf8(last), customerJson(last, 1, rounds, ts, random)), null);
            sends.flush("customers");
            produced++;
        }
        return new DemoManifest.CustomersFacts(produced, keys, List.copyOf(tombstoned));
    }

    private static byte[] customerJson(String id, int k, int round, long ts, Random random) {
        ObjectNode node = JSON.createObjectNode();
        String first = FIRST[k % FIRST.length];
        String last = LAST[(k / FIRST.length) % LAST.length];
        node.put("customerId", id);
        node.put("name", first + " " + last);
        node.put("email", (first + "." + last).toLowerCase(java.util.Locale.ROOT) + (round > 1 ? "+" + round : "") + "@example.com");
        node.put("tier", TIERS[Math.min(TIERS.length - 1, round / 2 + random.nextInt(2))]);
        node.put("version", round + 1);
        node.put("updatedAt", Instant.ofEpochMilli(ts).toString());
        return DemoRun.utf8(node.toString());
    }

    DemoManifest.LedgerFacts writeLedger() {
        Random random = DemoRun.random("ledger");
        int transactions = run.sizes.ledgerTransactions();
        int perTransaction = run.sizes.ledgerRecordsPerTransaction();
        String topic = run.topic(DemoTopic.LEDGER);
        long committed = 0;
        long aborted = 0;
        int abortedTransactions = 0;
        Map<String, Object> transactional = Map.of("transactional.id", run.prefix + "backtrack-demo-ledger-" + UUID.randomUUID(),
                "linger.ms", 0);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.LEDGER, transactional)) {
            producer.initTransactions();
            int entry = 0;
            for (int t = 0; t < transactions; t++) {
                boolean abort = t % 4 == 3;
                long ts = run.now.minus(Duration.ofMinutes(10L * (transactions - t))).toEpochMilli();
                producer.beginTransaction();
                DemoSends sends = new DemoSends(producer);
                for (int i = 0; i < perTransaction; i++) {
                    String account = String.format("ACC-%02d", 1 + random.nextInt(12));
                    ObjectNode node = JSON.createObjectNode();
                    node.put("entryId", ++entry);
                    node.put("transaction", t);
                    node.put("account", account);
                    node.put("direction", i % 2 == 0 ? "DEBIT" : "CREDIT");
                    node.put("amountCents", 100 + random.nextInt(99_900));
                    if (abort) {
                        node.put("note", "this entry belongs to a transaction that was aborted");
                    }
                    sends.send(new ProducerRecord<>(topic, null, ts + i, DemoRun.utf8(account), DemoRun.utf8(node.toString())), null);
                }
                // the records reach the log before the abort marker, so readers see aborted data and gaps
                sends.flush("ledger");
                if (abort) {
                    producer.abortTransaction();
                    aborted += perTransaction;
                    abortedTransactions++;
                } else {
                    producer.commitTransaction();
                    committed += perTransaction;
                }
            }
        }
        return new DemoManifest.LedgerFacts(committed, aborted, transactions - abortedTransactions, abortedTransactions);
    }

    /**
     * Debezium MySQL-connector change events (JSON converter, schemas disabled) for table
     * {@code inventory.customers}: snapshot reads, updates, an insert, and a delete followed by its tombstone.
     */
    DemoManifest.CdcFacts writeCdc() {
        String topic = run.topic(DemoTopic.CDC_CUSTOMERS);
        long base = run.now.minus(Duration.ofHours(5)).toEpochMilli();
        Map<Integer, ObjectNode> rows = new java.util.LinkedHashMap<>();
        rows.put(1001, row(1001, "Sally", "Thomas", "sally.thomas@acme.com"));
        rows.put(1002, row(1002, "George", "Bailey", "gbailey@foobar.com"));
        rows.put(1003, row(1003, "Edward", "Walker", "ed@walker.com"));
        rows.put(1004, row(1004, "Anne", "Kretchmar", "annek@noanswer.org"));
        List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        long[] clock = {base};
        rows.forEach((id, after) -> events.add(cdcEvent(topic, id, null, after, "r", clock[0] += 10)));
        events.add(update(topic, rows, 1001, "email", "sally.t@acme.com", clock[0] += 600_000));
        events.add(update(topic, rows, 1002, "last_name", "Bailey-Hatch", clock[0] += 600_000));
        ObjectNode created = row(1005, "Jamal", "Osei", "jamal.osei@example.org");
        rows.put(1005, created);
        events.add(cdcEvent(topic, 1005, null, created, "c", clock[0] += 600_000));
        events.add(update(topic, rows, 1001, "first_name", "Sal", clock[0] += 600_000));
        events.add(cdcEvent(topic, 1004, rows.get(1004), null, "d", clock[0] += 600_000));
        events.add(new ProducerRecord<>(topic, null, clock[0] + 1, cdcKey(1004), (byte[]) null));
        events.add(update(topic, rows, 1005, "email", "j.osei@example.org", clock[0] += 600_000));
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.CDC_CUSTOMERS, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            events.forEach(e -> sends.send(e, null));
            sends.flush("change events");
        }
        return new DemoManifest.CdcFacts(events.size(), List.of(1001, 1002, 1003, 1004, 1005), 1004);
    }

    private static ObjectNode row(int id, String first, String last, String email) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("first_name", first);
        node.put("last_name", last);
        node.put("email", email);
        return node;
    }

    private static ProducerRecord<byte[], byte[]> update(String topic, Map<Integer, ObjectNode> rows, int id, String field,
                                                         String value, long ts) {
        ObjectNode before = rows.get(id);
        ObjectNode after = before.deepCopy();
        after.put(field, value);
        rows.put(id, after);
        return cdcEvent(topic, id, before, after, "u", ts);
    }

    private static byte[] cdcKey(int id) {
        return DemoRun.utf8("{\"id\":" + id + "}");
    }

    private static ProducerRecord<byte[], byte[]> cdcEvent(String topic, int id, ObjectNode before, ObjectNode after, String op,
                                                           long ts) {
        ObjectNode event = JSON.createObjectNode();
        event.set("before", before);
        event.set("after", after);
        ObjectNode source = event.putObject("source");
        source.put("version", "2.7.3.Final");
        source.put("connector", "mysql");
        source.put("name", "dbserver");
        source.put("ts_ms", ts - 3);
        source.put("snapshot", "r".equals(op) ? "true" : "false");
        source.put("db", "inventory");
        source.putNull("sequence");
        source.put("table", "customers");
        source.put("server_id", "r".equals(op) ? 0 : 223344);
        source.put("file", "mysql-bin.000003");
        source.put("pos", 154 + (ts % 10_000));
        source.put("row", 0);
        event.put("op", op);
        event.put("ts_ms", ts);
        event.putNull("transaction");
        return new ProducerRecord<>(topic, null, ts, cdcKey(id), DemoRun.utf8(event.toString()));
    }
}
