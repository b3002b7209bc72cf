package dev.backtrack.codec;

/**
 * Writes the text {@link Double#toString(double)} gives for the doubles most payloads carry — amounts and
 * measurements with at most four decimals, between 0.001 and 10 million — without running its general
 * shortest-decimal algorithm, which was a fifth of rendering an order record. Anything else is left to
 * {@code Double.toString}.
 *
 * <p>Why it gives the same text: in that range the gap between adjacent doubles is below 2e-9, far below
 * 10^-4, so at most one decimal with k ≤ 4 fraction digits rounds to the value, and if one exists,
 * rounding value × 10^k finds it; the smallest such k is the shortest decimal that round-trips, which is
 * what {@code Double.toString} prints (with ".0" when k = 0).
 */
final class ShortDecimal {
    private static final double[] POW10 = {1, 10, 100, 1_000, 10_000};
    private static final double MIN = 1e-3;
    private static final double MAX = 1e7;
    /** "-9999999.9999". */
    static final int MAX_LENGTH = 16;

    private ShortDecimal() {
    }

    /** The value's text as ASCII into {@code into} ({@link #MAX_LENGTH} bytes); returns its length, or -1 if out of scope. */
    static int format(double value, byte[] into) {
        return format(value, into, 0);
    }

    /** As {@link #format(double, byte[])}, into {@code into[at..at + MAX_LENGTH)}. */
    static int format(double value, byte[] into, int at) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= MIN && magnitude < MAX)) {
            return -1; // also NaN and zero (whose sign Double.toString keeps)
        }
        for (int k = 0; k < POW10.length; k++) {
            double scale = POW10[k];
            long digits = Math.round(magnitude * scale);
            if ((double) digits / scale == magnitude) {
                return write(value < 0, digits, k, into, at) - at;
            }
        }
        return -1;
    }

    private static int write(boolean negative, long digits, int fractionDigits, byte[] into, int at) {
        long unit = (long) POW10[fractionDigits];
        long whole = digits / unit;
        long fraction = digits % unit;
        int n = at;
        if (negative) {
            into[n++] = '-';
        }
        n = digitsOf(whole, into, n);
        into[n++] = '.';
        if (fractionDigits == 0) {
            into[n++] = '0';
            return n;
        }
        for (int i = fractionDigits - 1; i >= 0; i--) {
            into[n + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return n + fractionDigits;
    }

    /** The decimal digits of a non-negative {@code value} into {@code into} from {@code at}; returns the end. */
    static int digitsOf(long value, byte[] into, int at) {
        int width = 1;
        for (long v = value; v >= 10; v /= 10) {
            width++;
        }
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
