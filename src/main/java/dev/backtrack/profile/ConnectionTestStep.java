package dev.backtrack.profile;

import java.time.Duration;

/** One step of a connection test: what was checked, how it went, one sentence, how long it took. */
public record ConnectionTestStep(String name, StepStatus status, String message, Duration duration) {
    static ConnectionTestStep ok(String name, String message, long startNanos) {
        return new ConnectionTestStep(name, StepStatus.OK, message, since(startNanos));
    }

    static ConnectionTestStep failed(String name, String message, long startNanos) {
        return new ConnectionTestStep(name, StepStatus.FAILED, message, since(startNanos));
    }

    static ConnectionTestStep skipped(String name, String reason) {
        return new ConnectionTestStep(name, StepStatus.SKIPPED, reason, Duration.ZERO);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
