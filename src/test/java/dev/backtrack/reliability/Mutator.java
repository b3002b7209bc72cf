package dev.backtrack.reliability;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations of valid inputs: bit flips, truncation, overwrites, deletions, duplicated slices,
 * appended junk, and inserted "huge length" varints / big-endian ints (2 GB and beyond) that a naive decoder
 * would allocate for.
 */
final class Mutator {
    /** Zig-zag varints for lengths near 2^31 and 2^63, a raw 0xFFFFFFFF0F varint, and Integer.MAX_VALUE big-endian. */
    static final byte[][] HUGE_LENGTHS = {
            {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
            {(byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01},
            {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
            {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}};

    private final SplittableRandom random;

    Mutator(SplittableRandom random) {
        this.random = random;
    }

    /** One to four mutations; {@code keep} leading bytes (a registry prefix) are spared most of the time. */
    byte[] mutate(byte[] input, int keep) {
        byte[] out = input;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int protect = random.nextInt(10) == 0 ? 0 : Math.min(keep, out.length);
            out = once(out, protect);
        }
        return out;
    }

    private byte[] once(byte[] b, int protect) {
        int span = b.length - protect;
        switch (random.nextInt(8)) {
            case 0 -> {
                if (span > 0) {
                    byte[] out = b.clone();
                    out[protect + random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
                    return out;
                }
                return b;
            }
            case 1 -> {
                return Arrays.copyOf(b, protect + (span <= 0 ? 0 : random.nextInt(span)));
            }
            case 2 -> {
                return insert(b, protect, HUGE_LENGTHS[random.nextInt(HUGE_LENGTHS.length)]);
            }
            case 3 -> {
                if (span > 0) {
                    byte[] out = b.clone();
                    out[protect + random.nextInt(span)] = (byte) random.nextInt(256);
                    return out;
                }
                return b;
            }
            case 4 -> {
                if (span > 1) {
                    int from = protect + random.nextInt(span);
                    int to = Math.min(b.length, from + 1 + random.nextInt(8));
                    byte[] out = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, out, 0, from);
                    System.arraycopy(b, to, out, from, b.length - to);
                    return out;
                }
                return b;
            }
            case 5 -> {
                if (span > 0) {
                    int from = protect + random.nextInt(span);
                    int to = Math.min(b.length, from + 1 + random.nextInt(16));
                    return insert(b, protect, Arrays.copyOfRange(b, from, to));
                }
                return b;
            }
            case 6 -> {
                byte[] junk = new byte[1 + random.nextInt(16)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) random.nextInt(256);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(b);
                out.writeBytes(junk);
                return out.toByteArray();
            }
            default -> {
                // a byte that often means "long varint continues" or "length-delimited"
                return insert(b, protect, new byte[] {(byte) (0x80 | random.nextInt(128)), (byte) random.nextInt(256)});
            }
        }
    }

    private byte[] insert(byte[] b, int protect, byte[] piece) {
        int at = protect + (b.length - protect <= 0 ? 0 : random.nextInt(b.length - protect + 1));
        at = Math.min(at, b.length);
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }
}
