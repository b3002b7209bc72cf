package dev.backtrack.profile;

/** Outcome of one connection-test step. */
public enum StepStatus {
    OK, FAILED, SKIPPED
}
