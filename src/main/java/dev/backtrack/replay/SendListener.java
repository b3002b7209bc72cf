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
}
