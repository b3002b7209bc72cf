package dev.backtrack.redrive;

import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.CelFilter;
import java.util.function.Predicate;

/** Selections of dead letters for a redrive. */
public final class DeadLetterFilters {
    private DeadLetterFilters() {
    }

    /**
     * The browse engine's CEL filter over the decoded dead-letter record ({@code key}, {@code value},
     * {@code headers}, {@code offset}, ...), e.g. {@code headers["kafka_dlt-exception-fqcn"].endsWith("Timeout")}.
     */
    public static Predicate<DeadLetter> cel(String expression, RecordDecoder decoder) {
        CelFilter filter = CelFilter.compile(expression);
        return letter -> filter.test(decoder.decode(letter.record()));
    }
}
