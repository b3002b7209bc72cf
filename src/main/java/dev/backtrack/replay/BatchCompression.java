package dev.backtrack.replay;

import java.util.Locale;
import java.util.Optional;

/**
 * How a replay's producers compress the record batches they send. Records are the same either way (a consumer sees
 * the same keys, values, headers and timestamps); what changes is how the batches travel and sit on the target's disk.
 * <p>
 * {@link #AUTO} chooses from the target topic's {@code compression.type}:
 * <ul>
 *   <li>a codec (gzip, snappy, lz4, zstd): that codec, because the broker would otherwise recompress every batch into it;</li>
 *   <li>{@code uncompressed}: none, because the broker would otherwise decompress every batch;</li>
 *   <li>{@code producer} (Kafka's default): lz4 when a sample of the records compresses to {@link #WORTH_IT} of its size
 *       or less ({@link Compressibility}), none when it does not (random or encrypted bytes, payloads compressed
 *       already), since compressing such data costs the client and saves nothing on the wire. With no sample (an empty
 *       range), lz4. Besides the bytes, lz4 saves the broker work: it validates an uncompressed batch by reading
 *       every record's headers, and only skips over them in a compressed one. Packaged CLI, 1 M records with a key
 *       and four headers, one broker on the same 2-core box, interleaved runs:
 *       <ul>
 *         <li>500 B JSON values (the sample compresses to 26 %): 3.98 s against 4.69 s uncompressed (5 pairs), half
 *             the broker CPU (1.0 s against 2.2 s), and a quarter of the bytes on the target (148 MB against 633 MB),
 *             so a distant cluster also receives a quarter of the traffic;</li>
 *         <li>500 B of random letters (98 %): sent uncompressed, 4.98 s against 5.08 s before this choice existed
 *             (4 rounds); always sending lz4 took 5.34 s, with 1.1 s more client CPU for 0.5 s less broker CPU.</li>
 *       </ul></li>
 * </ul>
 * A profile's own {@code compression.type} client property counts as the user's choice and wins over {@link #AUTO}.
 */
public enum BatchCompression {
    AUTO, NONE, GZIP, SNAPPY, LZ4, ZSTD;

    static final String CONFIG = "compression.type";
    /** The largest compressed ÷ original size of a sample for which automatic compression uses lz4. */
    static final double WORTH_IT = 0.9;

    /** The producer's {@code compression.type} value of a chosen codec. */
    public String codec() {
        if (this == AUTO) {
            throw new IllegalStateException("AUTO names no codec; use forTarget");
        }
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The codec a replay sends with.
     *
     * @param profileChoice   the target profile's {@code compression.type} client property; null when it has none
     * @param targetTopic     the target topic's {@code compression.type}; null when unknown (Kafka's default then)
     * @param compressibility {@link Compressibility#ratio()} of a sample of the records; null when there is none
     */
    public String forTarget(String profileChoice, String targetTopic, Double compressibility) {
        if (this != AUTO) {
            return codec();
        }
        if (profileChoice != null && !profileChoice.isBlank()) {
            return profileChoice.trim().toLowerCase(Locale.ROOT);
        }
        String topic = topicCompression(targetTopic);
        return switch (topic) {
            case "gzip", "snappy", "lz4", "zstd" -> topic;
            case "uncompressed" -> "none";
            default -> compressibility != null && compressibility > WORTH_IT ? "none" : "lz4";
        };
    }

    /** {@link #forTarget}, and why, for the plan summary. */
    public String describe(String profileChoice, String targetTopic, Double compressibility) {
        String codec = forTarget(profileChoice, targetTopic, compressibility);
        if (this != AUTO) {
            return codec;
        }
        if (profileChoice != null && !profileChoice.isBlank()) {
            return codec + " (the profile's compression.type)";
        }
        String topic = topicCompression(targetTopic);
        String why = "auto: the target topic's compression.type is " + topic;
        if (topic.equals("producer") && compressibility != null) {
            why += String.format(Locale.ROOT, ", and a sample of the records compresses to %.0f %% with lz4", 100 * compressibility);
        }
        return codec + " (" + why + ")";
    }

    /**
     * A pre-flight warning when the codec sent is not the one the target topic stores: the broker then decompresses
     * (and recompresses) every batch, work that {@link #AUTO} avoids. Empty when they agree.
     */
    public Optional<String> storageMismatch(String profileChoice, String targetTopic, Double compressibility) {
        String sent = forTarget(profileChoice, targetTopic, compressibility);
        String topic = topicCompression(targetTopic);
        return switch (topic) {
            case "gzip", "snappy", "lz4", "zstd" -> sent.equals(topic) ? Optional.empty()
                    : Optional.of("the target topic stores " + topic + " batches, so the broker recompresses every batch this replay sends ("
                            + sent + "); --compression auto sends " + topic);
            case "uncompressed" -> sent.equals("none") ? Optional.empty()
                    : Optional.of("the target topic stores uncompressed batches, so the broker decompresses every batch this replay sends ("
                            + sent + "); --compression auto sends none");
            default -> Optional.empty();
        };
    }

    private static String topicCompression(String targetTopic) {
        return targetTopic == null ? "producer" : targetTopic.trim().toLowerCase(Locale.ROOT);
    }

    /** Parses a user's choice: auto, none, gzip, snappy, lz4 or zstd. */
    public static BatchCompression parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("compression must be auto, none, gzip, snappy, lz4 or zstd, got '" + text + "'");
        }
    }
}
