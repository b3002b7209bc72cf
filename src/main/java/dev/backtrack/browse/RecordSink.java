package dev.backtrack.browse;

import dev.backtrack.kafka.RawRecord;
import java.util.List;

/** Receives the records of a range read in per-partition offset order, batch by batch. */
public interface RecordSink {
    /** Takes one poll's worth of records (all inside their ranges). Return false to stop the read. */
    boolean accept(List<RawRecord> batch);

    /** Position of a partition after a poll: offsets below it have been read (or were gaps). */
    default void progress(int partition, long position) {
    }
}
