package dev.backtrack.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The Confluent subject naming strategies: TopicNameStrategy ({@code <topic>-key}/{@code <topic>-value}),
 * RecordNameStrategy (the fully-qualified record name) and TopicRecordNameStrategy
 * ({@code <topic>-<record name>}). Decoding never needs them; encoding by subject and "which topics use
 * this subject" do.
 */
public final class SubjectNaming {
    public enum Strategy { TOPIC, RECORD, TOPIC_RECORD }

    /** A topic that uses a subject, for its keys or values, under a strategy. */
    public record TopicUse(String topic, Strategy strategy, Boolean key) {
    }

    private SubjectNaming() {
    }

    /** The subject for a topic's key or value; {@code recordName} is needed for RECORD and TOPIC_RECORD. */
    public static String subject(Strategy strategy, String topic, boolean key, String recordName) {
        return switch (strategy) {
            case TOPIC -> topic + (key ? "-key" : "-value");
            case RECORD -> require(recordName);
            case TOPIC_RECORD -> topic + "-" + require(recordName);
        };
    }

    /**
     * The topics among {@code topics} that use {@code subject}. {@code recordNames} are the fully-qualified
     * record/message names the subject's schema defines (for the record strategies). Under RECORD strategy a
     * subject can serve any topic, which names alone cannot tell, so it is reported with a null topic.
     */
    public static List<TopicUse> topicsUsing(String subject, Collection<String> topics, Set<String> recordNames) {
        List<TopicUse> uses = new ArrayList<>();
        for (String topic : topics) {
            if (subject.equals(topic + "-key")) {
                uses.add(new TopicUse(topic, Strategy.TOPIC, true));
            } else if (subject.equals(topic + "-value")) {
                uses.add(new TopicUse(topic, Strategy.TOPIC, false));
            } else if (subject.startsWith(topic + "-") && recordNames.contains(subject.substring(topic.length() + 1))) {
                uses.add(new TopicUse(topic, Strategy.TOPIC_RECORD, null));
            }
        }
        if (recordNames.contains(subject)) {
            uses.add(new TopicUse(null, Strategy.RECORD, null));
        }
        return uses;
    }

    private static String require(String recordName) {
        if (recordName == null || recordName.isBlank()) {
            throw new dev.backtrack.BacktrackException("this subject naming strategy needs the record's fully-qualified name");
        }
        return recordName;
    }
}
