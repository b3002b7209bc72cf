package dev.backtrack.redrive;

/**
 * Why a record was dead-lettered: exception class, root-cause class (Spring 2.8+), message and stack
 * trace. {@code keyFailure} marks Spring's key-deserialization variant ({@code kafka_dlt-key-exception-*}).
 * Any field may be null when its header is absent or malformed.
 */
public record Failure(String exceptionClass, String causeClass, String message, String stackTrace,
                      boolean keyFailure, Convention convention) {
}
