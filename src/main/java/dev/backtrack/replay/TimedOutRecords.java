package dev.backtrack.replay;

import java.util.Set;

/**
 * The records of an idempotent job that failed for want of an acknowledgement in time: the coordinates of their
 * sources ({@link SourceRef#coordinates()}, the provenance header's value) and the target partitions they were sent to.
 * Such a record may have been written all the same; reading the target back, the verify step finds it by its
 * provenance header. {@code complete} is false when some were not kept (no source or partition known, or more than a
 * sender keeps), so that what was found cannot be told apart from what was not.
 */
record TimedOutRecords(Set<String> sources, Set<TargetPartition> partitions, boolean complete) {
    static final TimedOutRecords NONE = new TimedOutRecords(Set.of(), Set.of(), true);

    TimedOutRecords {
        sources = Set.copyOf(sources);
        partitions = Set.copyOf(partitions);
    }

    boolean any() {
        return !sources.isEmpty() || !complete;
    }
}
