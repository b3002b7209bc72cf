package dev.backtrack.filter;

import dev.backtrack.codec.DecodedRecord;
import java.util.function.Predicate;

/**
 * A test on a decoded record, usable as the filter of a browse request, a live tail or a search scan.
 * {@link #describe()} is a short text for progress lines and UI chips.
 */
public interface RecordFilter extends Predicate<DecodedRecord> {
    String describe();

    /** Compiles a CEL expression; a syntax or type error is a {@code BacktrackException} with line:column. */
    static RecordFilter cel(String expression) {
        return CelFilter.compile(expression);
    }

    /** Records whose key, value or header values contain the text. */
    static RecordFilter contains(String text, boolean ignoreCase) {
        return new ContainsFilter(text, ignoreCase);
    }

    /** Both filters must match (a null side is ignored). */
    static RecordFilter both(RecordFilter a, RecordFilter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new RecordFilter() {
            @Override
            public boolean test(DecodedRecord record) {
                return a.test(record) && b.test(record);
            }

            @Override
            public String describe() {
                return a.describe() + " and " + b.describe();
            }
        };
    }
}
