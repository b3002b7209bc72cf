package dev.backtrack.redrive;

/** Kafka Connect's context headers: which connector and task failed, at which stage, in which class. */
public record ConnectContext(String connectorName, String taskId, String stage, String className) {
}
