package dev.backtrack.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The double fast path must print exactly what Double.toString prints, or step aside. */
class ShortDecimalTest {

    private static String fast(double value) {
        byte[] text = new byte[ShortDecimal.MAX_LENGTH];
        int length = ShortDecimal.format(value, text);
        return length < 0 ? null : new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    private static void sameAsJdk(double value) {
        String fast = fast(value);
        if (fast != null) {
            assertEquals(Double.toString(value), fast, "for " + Double.toString(value));
        }
    }

    @Property(tries = 20_000)
    void decimalsOfFewDigitsMatchDoubleToString(@ForAll @LongRange(min = 0, max = 99_999_999_999L) long digits,
                                               @ForAll @IntRange(min = 0, max = 6) int scale, @ForAll boolean negative) {
        double value = Double.parseDouble((negative ? "-" : "") + java.math.BigDecimal.valueOf(digits, scale).toPlainString());
        sameAsJdk(value);
    }

    @Property(tries = 20_000)
    void anyDoubleIsEitherTheSameOrLeftToTheJdk(@ForAll double value) {
        sameAsJdk(value);
    }

    @Property(tries = 10_000)
    void doublesInTheFastRangeMatch(@ForAll @DoubleRange(min = 1e-3, max = 1e7) @net.jqwik.api.constraints.Scale(8) double value) {
        sameAsJdk(value);
        sameAsJdk(Math.round(value * 100) / 100.0);
        sameAsJdk(Math.nextUp(Math.round(value * 100) / 100.0));
    }

    @Test
    void coversTheUsualAmountsAndStaysOutOfTheRest() {
        assertEquals("123.45", fast(123.45));
        assertEquals("-0.001", fast(-0.001));
        assertEquals("9999999.9999", fast(9999999.9999));
        assertEquals("42.0", fast(42));
        assertEquals("0.5", fast(0.5));
        assertEquals(null, fast(0.1 + 0.2)); // 0.30000000000000004 needs 17 digits
        assertEquals(null, fast(1e7)); // Double.toString switches to 1.0E7
        assertEquals(null, fast(0.0009)); // and to 9.0E-4
        assertEquals(null, fast(-0.0));
        assertEquals(null, fast(Double.NaN));
        assertEquals(null, fast(Double.POSITIVE_INFINITY));
        assertEquals(null, fast(0.00001));
    }

    @Test
    void theRenderedRecordCarriesTheSameNumbers() {
        JsonText out = new JsonText(64);
        out.startArray();
        for (double d : new double[] {123.45, 0.1 + 0.2, 1e7, -7.25, 3.0}) {
            out.number(d);
        }
        out.endArray();
        assertEquals("[123.45,0.30000000000000004,1.0E7,-7.25,3.0]", out.text());
    }
}
