package dev.backtrack.history;

import dev.backtrack.codec.DecodedRecord;
import java.util.function.Predicate;

/**
 * Turns a filter expression into a predicate over decoded records. Compile errors are reported as a
 * {@link dev.backtrack.BacktrackException} with one sentence; the predicate must be thread-safe.
 */
@FunctionalInterface
public interface ExpressionCompiler {
    Predicate<DecodedRecord> compile(String expression);
}
