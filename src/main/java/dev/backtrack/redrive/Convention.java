package dev.backtrack.redrive;

/** Which dead-letter convention a piece of information came from. */
public enum Convention {
    /** Spring Kafka {@code DeadLetterPublishingRecoverer}: {@code kafka_dlt-*} headers, binary big-endian numbers. */
    SPRING_DLT,
    /** Spring Kafka republishing elsewhere: {@code kafka_original-*} / {@code kafka_exception-*}, same encodings. */
    SPRING_ORIGINAL,
    /** Spring non-blocking retry topics: {@code retry_topic-*} headers. */
    SPRING_RETRY,
    /** Kafka Connect sink DLQ: {@code __connect.errors.*} headers, all UTF-8 text. */
    KAFKA_CONNECT,
    /** No dead-letter headers: only the topic name says it is a dead-letter or retry topic. */
    TOPIC_NAME
}
