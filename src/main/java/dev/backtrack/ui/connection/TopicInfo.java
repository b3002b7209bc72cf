package dev.backtrack.ui.connection;

/** A topic as the sidebar lists it. {@code estimatedRecords} is end minus start offsets (gaps make it an upper bound). */
public record TopicInfo(String name, int partitions, long estimatedRecords, boolean internal) {
}
