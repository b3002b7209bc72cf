package dev.backtrack.redrive;

import dev.backtrack.kafka.RawHeader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads header values with the exact encodings of the conventions and collects a {@link HeaderProblem}
 * (raw bytes + reason) for anything that does not fit, returning null instead of a guess.
 */
final class HeaderReader {
    private final List<String> seen = new ArrayList<>();
    private final List<HeaderProblem> problems = new ArrayList<>();

    /** Call once per header, in record order, before reading it: numbers the occurrences of each name. */
    void next(RawHeader header) {
        seen.add(header.key());
    }

    /** Which occurrence of its name the current header is (0 = first); counted only for a problem, which is rare. */
    int currentOccurrence(RawHeader header) {
        int count = 0;
        for (String name : seen) {
            if (name.equals(header.key())) {
                count++;
            }
        }
        return Math.max(0, count - 1);
    }

    List<HeaderProblem> problems() {
        return problems;
    }

    void problem(RawHeader header, String reason) {
        problems.add(new HeaderProblem(header.key(), currentOccurrence(header), header.value(), reason));
    }

    String text(RawHeader h) {
        if (h.value() == null) {
            problem(h, "header has no value");
            return null;
        }
        String text = Utf8.strict(h.value());
        if (text == null) {
            problem(h, "not valid UTF-8 text");
        }
        return text;
    }

    /** Spring's binary partition: exactly 4 bytes, big-endian. */
    Integer int4(RawHeader h) {
        if (h.value() == null || h.value().length != 4) {
            problem(h, "expected a 4-byte big-endian int, got " + length(h));
            return null;
        }
        return ByteBuffer.wrap(h.value()).getInt();
    }

    /** Spring's binary offset/timestamp: exactly 8 bytes, big-endian. */
    Long long8(RawHeader h) {
        if (h.value() == null || h.value().length != 8) {
            problem(h, "expected an 8-byte big-endian long, got " + length(h));
            return null;
        }
        return ByteBuffer.wrap(h.value()).getLong();
    }

    /** {@code retry_topic-attempts}: a 4-byte big-endian int, or one unsigned byte in older Spring versions. */
    Integer attempts(RawHeader h) {
        if (h.value() != null && h.value().length == 4) {
            return ByteBuffer.wrap(h.value()).getInt();
        }
        if (h.value() != null && h.value().length == 1) {
            return h.value()[0] & 0xFF;
        }
        problem(h, "expected a 4-byte big-endian int or a single byte, got " + length(h));
        return null;
    }

    /** {@code BigInteger.toByteArray()} of an epoch-millisecond long: 1 to 8 bytes, two's complement. */
    Long bigInteger(RawHeader h) {
        if (h.value() == null || h.value().length == 0 || h.value().length > 8) {
            problem(h, "expected 1 to 8 bytes of a big-endian two's-complement integer, got " + length(h));
            return null;
        }
        return new BigInteger(h.value()).longValue();
    }

    /** Kafka Connect numbers: decimal text. */
    Long decimal(RawHeader h) {
        String text = text(h);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            problem(h, "expected a decimal number, got '" + abbreviate(text) + "'");
            return null;
        }
    }

    Integer decimalInt(RawHeader h) {
        Long value = decimal(h);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problem(h, "number " + value + " does not fit a partition number");
            return null;
        }
        return value.intValue();
    }

    String timestampType(RawHeader h) {
        String text = text(h);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "CreateTime", "LogAppendTime", "NoTimestampType" -> text;
            default -> {
                problem(h, "unknown timestamp type '" + abbreviate(text) + "'");
                yield null;
            }
        };
    }

    private static String length(RawHeader h) {
        return h.value() == null ? "no value" : h.value().length + " bytes";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
