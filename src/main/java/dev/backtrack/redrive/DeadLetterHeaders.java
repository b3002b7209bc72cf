package dev.backtrack.redrive;

import java.util.List;

/**
 * Header names of the dead-letter conventions (Spring Kafka {@code KafkaHeaders}, Spring
 * {@code RetryTopicHeaders}, Kafka Connect {@code DeadLetterQueueReporter}) and of Backtrack's own
 * redrive provenance headers.
 */
public final class DeadLetterHeaders {
    public static final String SPRING_DLT_PREFIX = "kafka_dlt-";
    public static final String DLT_ORIGINAL = "kafka_dlt-original-";
    public static final String SPRING_ORIGINAL = "kafka_original-";
    public static final String DLT_EXCEPTION = "kafka_dlt-exception-";
    public static final String DLT_KEY_EXCEPTION = "kafka_dlt-key-exception-";
    public static final String EXCEPTION = "kafka_exception-";
    public static final String KEY_EXCEPTION = "kafka_key-exception-";
    /** Spring writes the consumer group under this name for both the DLT and the republish variants. */
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

    public static final String RETRY_PREFIX = "retry_topic-";
    public static final String RETRY_ATTEMPTS = "retry_topic-attempts";
    public static final String RETRY_BACKOFF_TIMESTAMP = "retry_topic-backoff-timestamp";
    public static final String RETRY_ORIGINAL_TIMESTAMP = "retry_topic-original-timestamp";

    public static final String CONNECT_PREFIX = "__connect.errors.";

    /** Java-serialized deserialization exceptions Spring leaves when {@code retainExceptionHeader=true}. */
    public static final String SPRING_DESERIALIZER_EXCEPTION_PREFIX = "springDeserializerException";

    public static final String REDRIVE_SOURCE = "backtrack.redrive.source";
    public static final String REDRIVE_ID = "backtrack.redrive.id";
    public static final String REDRIVE_COUNT = "backtrack.redrive.count";

    /** Prefixes of the error/dead-letter headers that redrive strips by default. */
    public static final List<String> STRIPPED_BY_DEFAULT = List.of(SPRING_DLT_PREFIX, SPRING_ORIGINAL, EXCEPTION,
            KEY_EXCEPTION, RETRY_PREFIX, CONNECT_PREFIX, SPRING_DESERIALIZER_EXCEPTION_PREFIX);

    private DeadLetterHeaders() {
    }

    /** True for a dead-letter/error header of any supported convention. */
    public static boolean isErrorHeader(String name) {
        for (String prefix : STRIPPED_BY_DEFAULT) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** True for Backtrack's own provenance headers, which are replaced (never duplicated) on every redrive. */
    public static boolean isRedriveHeader(String name) {
        return name.equals(REDRIVE_SOURCE) || name.equals(REDRIVE_ID) || name.equals(REDRIVE_COUNT);
    }
}
