package dev.backtrack.replay;

/** A record the target did not accept: where it came from (if known), where it went, and why, in one line. */
public record SendFailure(SourceRef source, String topic, Integer partition, String message) {
}
