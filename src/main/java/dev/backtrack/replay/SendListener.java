package dev.backtrack.replay;

/** Receives progress snapshots from a running send (at most a few per second, on the sending thread). */
@FunctionalInterface
public interface SendListener {
    void onProgress(SendProgress progress);

    SendListener NONE = progress -> {
    };
}
