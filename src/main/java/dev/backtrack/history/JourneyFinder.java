package dev.backtrack.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.CelFilter;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetterParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Follows one entity across topics: scans all the topics' windows in parallel (one consumer per topic),
 * keeps the records that match the correlation, and lays them out as one timeline with the gaps between
 * steps, trace context and dead-letter details.
 */
public final class JourneyFinder {
    private final KafkaClients clients;
    private final RecordDecoder decoder;
    private final ExpressionCompiler expressions;

    /** With the connection's registry decoder and CEL expressions ({@code filter.RecordFilter.cel}). */
    public JourneyFinder(KafkaClients clients) {
        this(clients, new RecordDecoder(clients.settings().registry()), RecordFilter::cel);
    }

    public JourneyFinder(KafkaClients clients, RecordDecoder decoder, ExpressionCompiler expressions) {
        this.clients = clients;
        this.decoder = decoder;
        this.expressions = expressions;
    }

    public Journey find(List<String> topics, Correlation correlation, TimeWindow window, ScanProgress progress, Cancellation cancellation) {
        return find(topics, correlation, window, true, progress, cancellation);
    }

    /** {@code parallel} false scans the topics one after the other (for comparison; the result is the same). */
    public Journey find(List<String> topics, Correlation correlation, TimeWindow window, boolean parallel, ScanProgress progress,
                        Cancellation cancellation) {
        if (topics.isEmpty()) {
            throw new BacktrackException("a journey needs at least one topic");
        }
        long started = System.nanoTime();
        Predicate<DecodedRecord> expression = correlation instanceof Correlation.Expression e ? expressions.compile(e.expression()) : null;
        RecordMatcher matcher = expression != null ? r -> expression.test(decoder.decode(r)) : matcher(correlation);
        TopicScan scan = new TopicScan(clients);
        List<TopicScan.TopicPlan> plans = scan.plan(topics, window);
        List<TopicScan.TopicResult> results = scan.scan(plans, window, matcher, parallel, progress, cancellation);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            order.putIfAbsent(topics.get(i), i);
        }
        List<RawRecord> matches = new ArrayList<>();
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        long scanned = 0;
        boolean cancelled = false;
        for (TopicScan.TopicResult r : results) {
            matches.addAll(r.matches());
            perTopic.merge(r.plan().topic(), r.matches().size(), Integer::sum);
            scanned += r.recordsRead().values().stream().mapToLong(Long::longValue).sum();
            cancelled |= r.cancelled();
        }
        matches.sort(Comparator.comparingLong(RawRecord::timestamp).thenComparing(r -> order.getOrDefault(r.topic(), 0))
                .thenComparingInt(RawRecord::partition).thenComparingLong(RawRecord::offset));
        List<String> notes = new ArrayList<>();
        if (cancelled) {
            notes.add("the search was cancelled: the journey is incomplete");
        }
        if (expression instanceof CelFilter cel && cel.evaluationErrors() > 0) {
            notes.add(cel.evaluationErrors() + " record(s) could not be evaluated by the expression and count as no match (first: "
                    + cel.firstEvaluationError() + ")");
        }
        return new Journey(correlation, topics, window, steps(matches), perTopic, scanned, cancelled,
                Duration.ofNanos(System.nanoTime() - started), notes);
    }

    /** Turns time-ordered records into steps: decoded, with gaps, trace context and dead-letter details. */
    public List<JourneyStep> steps(List<RawRecord> ordered) {
        DeadLetterParser parser = new DeadLetterParser();
        List<JourneyStep> steps = new ArrayList<>();
        RawRecord previous = null;
        for (RawRecord r : ordered) {
            Duration gap = previous == null ? null : Duration.ofMillis(r.timestamp() - previous.timestamp());
            steps.add(new JourneyStep(decoder.decode(r), TraceContext.of(r).orElse(null), gap,
                    DeadLetterParser.looksLikeDeadLetter(r) ? parser.parse(r) : null));
            previous = r;
        }
        return steps;
    }

    RecordMatcher matcher(Correlation correlation) {
        return switch (correlation) {
            case Correlation.TraceId t -> {
                byte[] id = t.traceId().getBytes(StandardCharsets.US_ASCII);
                // cheap byte comparison first (version "xx-" then 32 id digits); full W3C validation only for candidates
                yield r -> {
                    RawHeader parent = r.lastHeader(TraceContext.TRACEPARENT);
                    byte[] v = parent == null ? null : parent.value();
                    return v != null && v.length >= 3 + id.length && java.util.Arrays.equals(v, 3, 3 + id.length, id, 0, id.length)
                            && TraceContext.of(r).map(c -> c.traceId().equals(t.traceId())).orElse(false);
                };
            }
            case Correlation.HeaderValue h -> {
                byte[] wanted = h.value().getBytes(StandardCharsets.UTF_8);
                yield r -> {
                    for (RawHeader header : r.headers()) {
                        if (header.key().equals(h.name()) && java.util.Arrays.equals(header.value(), wanted)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case Correlation.Key k -> r -> k.key().matches(r.key());
            case Correlation.Expression e -> {
                Predicate<DecodedRecord> predicate = expressions.compile(e.expression());
                yield r -> predicate.test(decoder.decode(r));
            }
        };
    }
}
