package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The checksum of replayed records, computed identically on the sending side and on the target read back.
 * A record's hash covers key, value (null distinct from empty), headers in order (names, values, null
 * distinct from empty) and timestamp. Per partition two figures are kept: an order-sensitive rolling hash
 * ({@code h = h * P + recordHash}, so reordering is detected) and an order-independent sum (so totals over
 * several partitions can be compared). Both are plain longs, which a checkpoint can store and resume.
 */
public final class RecordChecksum {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long ROLL = 0x9E3779B97F4A7C15L;
    private static final long WORD_PRIME = 0xC2B2AE3D27D4EB4FL;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private long count;
    private long rolling;
    private long sum;

    public RecordChecksum() {
    }

    public RecordChecksum(long count, long rolling, long sum) {
        this.count = count;
        this.rolling = rolling;
        this.sum = sum;
    }

    /** Hash of everything but the timestamp; combine with {@link #withTimestamp}. */
    public static long contentHash(byte[] key, byte[] value, List<RawHeader> headers) {
        long h = FNV_OFFSET;
        h = bytes(h, key);
        h = bytes(h, value);
        h = mixLong(h, headers.size());
        for (RawHeader header : headers) {
            h = utf8(h, header.key());
            h = bytes(h, header.value());
        }
        return h;
    }

    public static long withTimestamp(long contentHash, long timestamp) {
        return finish(mixLong(contentHash, timestamp));
    }

    public static long hash(byte[] key, byte[] value, List<RawHeader> headers, long timestamp) {
        return withTimestamp(contentHash(key, value, headers), timestamp);
    }

    public void add(long recordHash) {
        count++;
        rolling = rolling * ROLL + recordHash;
        sum += recordHash;
    }

    public void add(RecordChecksum other) {
        count += other.count;
        sum += other.sum;
        rolling = rolling * ROLL + other.rolling;
    }

    public long count() {
        return count;
    }

    public long rolling() {
        return rolling;
    }

    public long sum() {
        return sum;
    }

    public RecordChecksum copy() {
        return new RecordChecksum(count, rolling, sum);
    }

    /** Hex of the order-sensitive figure, for reports. */
    public String rollingHex() {
        return String.format("%016x", rolling);
    }

    public String sumHex() {
        return String.format("%016x", sum);
    }

    private static long bytes(long h, byte[] bytes) {
        if (bytes == null) {
            return mixLong(h, -1);
        }
        h = mixLong(h, bytes.length);
        int i = 0;
        // eight bytes per step keeps the checksum off the replay's critical path
        for (; i + 8 <= bytes.length; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * WORD_PRIME, 29);
        }
        for (; i < bytes.length; i++) {
            h ^= (bytes[i] & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Same as {@code bytes(h, s.getBytes(UTF_8))}, without the copy when the text is ASCII (header names are). */
    private static long utf8(long h, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return bytes(h, s.getBytes(StandardCharsets.UTF_8));
            }
        }
        h = mixLong(h, n);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long word = 0;
            for (int k = 7; k >= 0; k--) {
                word = (word << 8) | s.charAt(i + k);
            }
            h = Long.rotateLeft((h ^ word) * WORD_PRIME, 29);
        }
        for (; i < n; i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long mixLong(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (i * 8)) & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
