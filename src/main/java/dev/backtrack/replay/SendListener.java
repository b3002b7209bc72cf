package dev.backtrack.replay;

/** Receives progress snapshots from a running send (at most a few per second, on the sending thread). */
@FunctionalInterface
public interface SendListener {
    void onProgress(SendProgress progress);

    /** A step after sending starts (on the job's thread); see {@link JobStep}. */
    default void onStep(JobStep step) {
    }

    SendListener NONE = progress -> {
    };

    /** A listener of both: progress snapshots to {@code progress}, steps to {@code steps}. */
    static SendListener of(java.util.function.Consumer<SendProgress> progress, java.util.function.Consumer<JobStep> steps) {
        return new SendListener() {
            @Override
            public void onProgress(SendProgress p) {
                progress.accept(p);
            }

            @Override
            public void onStep(JobStep step) {
                steps.accept(step);
            }
        };
    }
}
