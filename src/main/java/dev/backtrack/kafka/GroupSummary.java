package dev.backtrack.kafka;

/**
 * One line of the group list: id, type ("classic" or "consumer", the KIP-848 protocol), protocol type
 * (usually "consumer"; empty for simple groups that only commit offsets) and state as the broker reports it.
 */
public record GroupSummary(String groupId, String type, String protocol, String state, boolean simple) {
}
