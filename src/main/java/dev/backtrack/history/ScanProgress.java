package dev.backtrack.history;

/**
 * Progress of a scan over one or more topics: offsets covered so far out of the total to cover, and the
 * matches found. Called from scanning threads; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ScanProgress {
    void progress(long scanned, long total, long matches);

    ScanProgress NONE = (scanned, total, matches) -> {
    };
}
