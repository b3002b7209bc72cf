package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.StructuralDiff;

/** One line of the original-vs-edited diff: which part (key, value, header), where, before and after. */
public record DiffRow(String part, String path, String kind, String before, String after) {
    static DiffRow of(String part, StructuralDiff.Change c) {
        return new DiffRow(part, c.path().isEmpty() ? "/" : c.path(), c.kind(),
                c.before() == null ? "" : c.before().toString(), c.after() == null ? "" : c.after().toString());
    }
}
