package dev.backtrack.replay;

/**
 * What a sending job does after its last record was handed to the producers, told to its {@link SendListener}
 * as each step starts: these steps take seconds on a large job, minutes against a slow or throttling cluster, and
 * nothing moves on the progress figures meanwhile.
 */
public enum JobStep {
    /** Waiting until the target has acknowledged (exactly-once: committed) every record sent, or given up on it. */
    ACKNOWLEDGING("waiting for the target to acknowledge the records sent"),
    /** Reading the target back to check what landed there against what was sent. */
    VERIFYING("reading the target back to verify what was written");

    private final String description;

    JobStep(String description) {
        this.description = description;
    }

    /** What the job is doing, lower case, for a status line. */
    public String description() {
        return description;
    }
}
