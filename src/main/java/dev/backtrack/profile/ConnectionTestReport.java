package dev.backtrack.profile;

import java.util.List;
import java.util.Optional;

/** All steps of one connection test, in the order they ran. */
public record ConnectionTestReport(String profile, List<ConnectionTestStep> steps) {
    public ConnectionTestReport {
        steps = List.copyOf(steps);
    }

    public boolean succeeded() {
        return steps.stream().noneMatch(s -> s.status() == StepStatus.FAILED);
    }

    public Optional<ConnectionTestStep> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<ConnectionTestStep> firstFailure() {
        return steps.stream().filter(s -> s.status() == StepStatus.FAILED).findFirst();
    }
}
