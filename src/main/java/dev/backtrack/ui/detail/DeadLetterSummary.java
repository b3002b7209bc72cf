package dev.backtrack.ui.detail;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.Convention;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterParser;
import dev.backtrack.redrive.Failure;
import dev.backtrack.redrive.HeaderProblem;
import dev.backtrack.redrive.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dead-letter headers of a record as the Headers tab shows them, decoded by the engine's
 * {@link DeadLetterParser}: origin, failure, conventions, the stack trace, and the headers that could not
 * be read (by header name and occurrence, so the raw headers table can show the reason beside them).
 * Built without the FX toolkit.
 */
public record DeadLetterSummary(String conventions, Map<String, String> fields, String stackTrace,
                                List<HeaderProblem> problems) {
    private static final DeadLetterParser PARSER = new DeadLetterParser();

    public DeadLetterSummary {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        problems = List.copyOf(problems);
    }

    /** Empty when neither the topic name nor any header says the record is a dead letter or a retry. */
    public static Optional<DeadLetterSummary> of(RawRecord record, boolean utc) {
        if (!DeadLetterParser.looksLikeDeadLetter(record)) {
            return Optional.empty();
        }
        DeadLetter dl = PARSER.parse(record);
        Map<String, String> fields = new LinkedHashMap<>();
        Origin o = dl.origin();
        if (o != null) {
            put(fields, "Original topic", o.topic());
            put(fields, "Original partition", o.partition());
            put(fields, "Original offset", o.offset());
            if (o.timestamp() != null) {
                fields.put("Original timestamp", Timestamps.format(o.timestamp(), utc)
                        + (o.timestampType() == null ? "" : " (" + o.timestampType() + ")"));
            }
            put(fields, "Consumer group", o.consumerGroup());
        } else {
            dl.originalTopic().ifPresent(t -> fields.put("Original topic", t + " (from the topic name)"));
        }
        if (dl.history().size() > 1) {
            fields.put("Dead-lettered", dl.history().size() + " times (first origin shown)");
        }
        Failure f = dl.failure() != null ? dl.failure() : dl.keyFailure();
        if (f != null) {
            put(fields, f.keyFailure() ? "Key exception" : "Exception", f.exceptionClass());
            put(fields, "Message", f.message());
            put(fields, "Cause", f.causeClass());
        }
        if (dl.connect() != null) {
            put(fields, "Connector", dl.connect().connectorName());
            put(fields, "Task", dl.connect().taskId());
            put(fields, "Stage", dl.connect().stage());
            put(fields, "Class", dl.connect().className());
        }
        if (dl.retry() != null && !dl.retry().isEmpty()) {
            put(fields, "Retry attempts", dl.retry().attempts());
            if (dl.retry().backoffTimestamp() != null) {
                fields.put("Retry due", Timestamps.format(dl.retry().backoffTimestamp(), utc));
            }
        }
        if (dl.redriveCount() != null && dl.redriveCount() > 0) {
            fields.put("Redriven by Backtrack", dl.redriveCount() + " times");
        }
        String conventions = dl.conventions().stream().sorted().map(DeadLetterSummary::label).collect(Collectors.joining(", "));
        return Optional.of(new DeadLetterSummary(conventions, fields, f == null ? null : f.stackTrace(), dl.problems()));
    }

    /** The reason a header could not be read, or null; {@code occurrence} counts headers of that name from 0. */
    public String problem(String header, int occurrence) {
        for (HeaderProblem p : problems) {
            if (p.header().equals(header) && p.occurrence() == occurrence) {
                return p.reason();
            }
        }
        return null;
    }

    static String label(Convention c) {
        return switch (c) {
            case SPRING_DLT -> "Spring DLT";
            case SPRING_ORIGINAL -> "Spring republished";
            case SPRING_RETRY -> "Spring retry topic";
            case KAFKA_CONNECT -> "Kafka Connect DLQ";
            case TOPIC_NAME -> "topic name only";
        };
    }

    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, String.valueOf(value));
        }
    }

    /** Header lines with the reason beside every header the parser could not read. */
    public static List<RecordDetail.HeaderLine> annotate(List<RecordDetail.HeaderLine> lines, DeadLetterSummary summary) {
        if (summary == null || summary.problems().isEmpty()) {
            return lines;
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<RecordDetail.HeaderLine> out = new ArrayList<>(lines.size());
        for (RecordDetail.HeaderLine l : lines) {
            int occurrence = seen.merge(l.name(), 1, Integer::sum) - 1;
            String reason = summary.problem(l.name(), occurrence);
            out.add(reason == null ? l : new RecordDetail.HeaderLine(l.name(), l.value(), reason));
        }
        return out;
    }
}
