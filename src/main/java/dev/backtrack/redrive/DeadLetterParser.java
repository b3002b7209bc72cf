package dev.backtrack.redrive;

import static dev.backtrack.redrive.DeadLetterHeaders.CONNECT_PREFIX;
import static dev.backtrack.redrive.DeadLetterHeaders.DLT_EXCEPTION;
import static dev.backtrack.redrive.DeadLetterHeaders.DLT_KEY_EXCEPTION;
import static dev.backtrack.redrive.DeadLetterHeaders.DLT_ORIGINAL;
import static dev.backtrack.redrive.DeadLetterHeaders.EXCEPTION;
import static dev.backtrack.redrive.DeadLetterHeaders.KEY_EXCEPTION;
import static dev.backtrack.redrive.DeadLetterHeaders.SPRING_ORIGINAL;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Understands dead letters of Spring Kafka ({@code kafka_dlt-*}, {@code kafka_original-*},
 * {@code kafka_exception-*}, {@code retry_topic-*}) and Kafka Connect ({@code __connect.errors.*}),
 * with the exact encodings of each (semantics brief §3). When header sets piled up, the first is the true
 * origin and all are kept as history; the latest failure is the current one. A header that does not fit
 * its encoding, or an unknown header in a dead-letter family, is reported raw with a reason.
 */
public final class DeadLetterParser {
    private static final String CONSUMER_GROUP = "consumer-group";

    /** True when the topic's name or the record's headers say it is a dead letter or a retry. */
    public static boolean looksLikeDeadLetter(RawRecord record) {
        if (DeadLetterTopicNames.isDeadLetterOrRetry(record.topic())) {
            return true;
        }
        return record.headers().stream().anyMatch(h -> DeadLetterHeaders.isErrorHeader(h.key()));
    }

    public DeadLetter parse(RawRecord record) {
        HeaderReader reader = new HeaderReader();
        HeaderGroups dltOrigins = new HeaderGroups();
        HeaderGroups springOrigins = new HeaderGroups();
        HeaderGroups dltFailures = new HeaderGroups();
        HeaderGroups dltKeyFailures = new HeaderGroups();
        HeaderGroups failures = new HeaderGroups();
        HeaderGroups keyFailures = new HeaderGroups();
        HeaderGroups connect = new HeaderGroups();
        RetryState retry = new RetryState();
        Integer redriveCount = 0;
        for (RawHeader h : record.headers()) {
            reader.next(h);
            String name = h.key();
            if (name.startsWith(DLT_ORIGINAL)) {
                origin(reader, h, name.substring(DLT_ORIGINAL.length()), dltOrigins, true);
            } else if (name.startsWith(DLT_KEY_EXCEPTION)) {
                failure(reader, h, name.substring(DLT_KEY_EXCEPTION.length()), dltKeyFailures);
            } else if (name.startsWith(DLT_EXCEPTION)) {
                failure(reader, h, name.substring(DLT_EXCEPTION.length()), dltFailures);
            } else if (name.startsWith(DeadLetterHeaders.SPRING_DLT_PREFIX)) {
                reader.problem(h, "unknown Spring dead-letter header");
            } else if (name.startsWith(SPRING_ORIGINAL)) {
                origin(reader, h, name.substring(SPRING_ORIGINAL.length()), springOrigins, false);
            } else if (name.startsWith(KEY_EXCEPTION)) {
                failure(reader, h, name.substring(KEY_EXCEPTION.length()), keyFailures);
            } else if (name.startsWith(EXCEPTION)) {
                failure(reader, h, name.substring(EXCEPTION.length()), failures);
            } else if (name.startsWith(DeadLetterHeaders.RETRY_PREFIX)) {
                retry.read(reader, h);
            } else if (name.startsWith(CONNECT_PREFIX)) {
                connect(reader, h, name.substring(CONNECT_PREFIX.length()), connect);
            } else if (name.equals(DeadLetterHeaders.REDRIVE_COUNT)) {
                redriveCount = redriveCount(reader, h);
            }
        }
        // Spring writes the consumer group under kafka_dlt-original-consumer-group for the republish variant too
        if (!springOrigins.isEmpty() && !dltOrigins.isEmpty() && dltOrigins.onlyHas(CONSUMER_GROUP)) {
            List<Map<String, Object>> groups = dltOrigins.groups();
            for (int i = 0; i < groups.size() && i < springOrigins.groups().size(); i++) {
                Object group = groups.get(i).get(CONSUMER_GROUP);
                if (group != null) {
                    springOrigins.groups().get(i).put(CONSUMER_GROUP, group);
                }
            }
            dltOrigins = new HeaderGroups();
        }

        Set<Convention> conventions = EnumSet.noneOf(Convention.class);
        List<Origin> history = new ArrayList<>();
        addOrigins(history, dltOrigins, Convention.SPRING_DLT, conventions);
        addOrigins(history, springOrigins, Convention.SPRING_ORIGINAL, conventions);
        for (Map<String, Object> g : connect.groups()) {
            history.add(new Origin((String) g.get("topic"), (Integer) g.get("partition"), (Long) g.get("offset"),
                    null, null, null, Convention.KAFKA_CONNECT));
        }
        List<Failure> allFailures = new ArrayList<>();
        addFailures(allFailures, dltFailures, false, Convention.SPRING_DLT, conventions);
        addFailures(allFailures, failures, false, Convention.SPRING_ORIGINAL, conventions);
        for (Map<String, Object> g : connect.groups()) {
            if (g.containsKey("exception.class.name") || g.containsKey("exception.message")) {
                allFailures.add(new Failure((String) g.get("exception.class.name"), null, (String) g.get("exception.message"),
                        (String) g.get("exception.stacktrace"), false, Convention.KAFKA_CONNECT));
            }
        }
        List<Failure> keyFailureList = new ArrayList<>();
        addFailures(keyFailureList, dltKeyFailures, true, Convention.SPRING_DLT, conventions);
        addFailures(keyFailureList, keyFailures, true, Convention.SPRING_ORIGINAL, conventions);
        ConnectContext connectContext = null;
        if (!connect.isEmpty()) {
            conventions.add(Convention.KAFKA_CONNECT);
            Map<String, Object> last = connect.groups().getLast();
            connectContext = new ConnectContext((String) last.get("connector.name"), (String) last.get("task.id"),
                    (String) last.get("stage"), (String) last.get("class.name"));
        }
        RetryInfo retryInfo = retry.info();
        if (retry.present) {
            conventions.add(Convention.SPRING_RETRY);
        }
        if (conventions.isEmpty() && DeadLetterTopicNames.isDeadLetterOrRetry(record.topic())) {
            conventions.add(Convention.TOPIC_NAME);
        }
        Origin origin = history.isEmpty() ? null : history.getFirst();
        if (origin != null && origin.timestamp() == null && retryInfo.originalTimestamp() != null) {
            origin = new Origin(origin.topic(), origin.partition(), origin.offset(), retryInfo.originalTimestamp(),
                    origin.timestampType(), origin.consumerGroup(), origin.convention());
        }
        Failure failure = allFailures.isEmpty() ? null : pickCurrent(allFailures);
        Failure keyFailure = keyFailureList.isEmpty() ? null : keyFailureList.getLast();
        return new DeadLetter(record, origin, history, failure, allFailures, keyFailure, connectContext, retryInfo,
                redriveCount, conventions, reader.problems());
    }

    /** The latest Spring DLT failure wins; Connect/republish failures only when Spring DLT gave none. */
    private static Failure pickCurrent(List<Failure> all) {
        Failure current = null;
        for (Failure f : all) {
            if (f.convention() == Convention.SPRING_DLT) {
                current = f;
            }
        }
        return current != null ? current : all.getLast();
    }

    private static void origin(HeaderReader reader, RawHeader h, String field, HeaderGroups groups, boolean dlt) {
        switch (field) {
            case "topic" -> groups.put(field, reader.text(h));
            case "partition" -> groups.put(field, reader.int4(h));
            case "offset", "timestamp" -> groups.put(field, reader.long8(h));
            case "timestamp-type" -> groups.put(field, reader.timestampType(h));
            case CONSUMER_GROUP -> groups.put(field, reader.text(h));
            default -> reader.problem(h, dlt ? "unknown Spring dead-letter header" : "unknown Spring original-record header");
        }
    }

    private static void failure(HeaderReader reader, RawHeader h, String field, HeaderGroups groups) {
        switch (field) {
            case "fqcn", "cause-fqcn", "message", "stacktrace" -> groups.put(field, reader.text(h));
            default -> reader.problem(h, "unknown Spring exception header");
        }
    }

    private static void connect(HeaderReader reader, RawHeader h, String field, HeaderGroups groups) {
        switch (field) {
            case "partition" -> groups.put(field, reader.decimalInt(h));
            case "offset" -> groups.put(field, reader.decimal(h));
            case "topic", "connector.name", "task.id", "stage", "class.name", "exception.class.name",
                 "exception.message", "exception.stacktrace" -> groups.put(field, reader.text(h));
            default -> reader.problem(h, "unknown Kafka Connect error header");
        }
    }

    private static Integer redriveCount(HeaderReader reader, RawHeader h) {
        Long count = reader.decimal(h);
        if (count != null && (count < 0 || count > Integer.MAX_VALUE)) {
            reader.problem(h, "redrive count out of range: " + count);
            return null;
        }
        return count == null ? null : count.intValue();
    }

    private static void addOrigins(List<Origin> out, HeaderGroups groups, Convention convention, Set<Convention> conventions) {
        for (Map<String, Object> g : groups.groups()) {
            out.add(new Origin((String) g.get("topic"), (Integer) g.get("partition"), (Long) g.get("offset"),
                    (Long) g.get("timestamp"), (String) g.get("timestamp-type"), (String) g.get(CONSUMER_GROUP), convention));
            conventions.add(convention);
        }
    }

    private static void addFailures(List<Failure> out, HeaderGroups groups, boolean key, Convention convention,
                                    Set<Convention> conventions) {
        for (Map<String, Object> g : groups.groups()) {
            out.add(new Failure((String) g.get("fqcn"), (String) g.get("cause-fqcn"), (String) g.get("message"),
                    (String) g.get("stacktrace"), key, convention));
            conventions.add(convention);
        }
    }

    /** Spring retry headers: attempts and backoff are current state (last value), the original timestamp the first. */
    private static final class RetryState {
        boolean present;
        Integer attempts;
        Long backoff;
        Long originalTimestamp;
        boolean originalSeen;

        void read(HeaderReader reader, RawHeader h) {
            present = true;
            switch (h.key()) {
                case DeadLetterHeaders.RETRY_ATTEMPTS -> attempts = reader.attempts(h);
                case DeadLetterHeaders.RETRY_BACKOFF_TIMESTAMP -> backoff = reader.bigInteger(h);
                case DeadLetterHeaders.RETRY_ORIGINAL_TIMESTAMP -> {
                    Long value = reader.bigInteger(h);
                    if (!originalSeen) {
                        originalTimestamp = value;
                        originalSeen = true;
                    }
                }
                default -> reader.problem(h, "unknown Spring retry-topic header");
            }
        }

        RetryInfo info() {
            return new RetryInfo(attempts, backoff, originalTimestamp);
        }
    }
}
