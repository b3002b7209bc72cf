package dev.backtrack.redrive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises dead-letter and retry topics by name: Spring's {@code -dlt} (3.3+) and {@code .DLT} (before
 * 3.3), the common {@code -dlq}/{@code .DLQ}/{@code _dlq} spellings, and Spring retry topics
 * {@code -retry}, {@code -retry-N}, {@code -retry-N-M}.
 */
public final class DeadLetterTopicNames {
    /** What a topic name says about a topic. */
    public enum Kind { DEAD_LETTER, RETRY, ORDINARY }

    private static final Pattern DEAD_LETTER = Pattern.compile("^(.+?)[-._](dlt|dlq)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RETRY = Pattern.compile("^(.+?)-retry(-\\d+){0,2}$");

    private DeadLetterTopicNames() {
    }

    public static Kind kind(String topic) {
        if (DEAD_LETTER.matcher(topic).matches()) {
            return Kind.DEAD_LETTER;
        }
        if (RETRY.matcher(topic).matches()) {
            return Kind.RETRY;
        }
        return Kind.ORDINARY;
    }

    public static boolean isDeadLetterOrRetry(String topic) {
        return kind(topic) != Kind.ORDINARY;
    }

    /** The topic name with its dead-letter or retry suffix removed; empty for an ordinary name. */
    public static Optional<String> originalTopic(String topic) {
        Matcher m = DEAD_LETTER.matcher(topic);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        m = RETRY.matcher(topic);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }
}
