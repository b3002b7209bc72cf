package dev.backtrack.codec;

import java.util.List;

/** The registry's answer to a compatibility check: the verdict and its messages (may be empty). */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
