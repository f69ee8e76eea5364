package io.sessionflow.domain;

import java.math.BigDecimal;

/**
 * How volumes and sizes (doubles, so that crypto's fractional amounts fit) are written as text: an integral value as
 * an integer ({@code 81489219}, never {@code 8.1489219E7} or {@code 81489219.0}, so US equity output is what it was
 * when volumes were longs), any other value as its shortest exact decimal without an exponent ({@code 0.66756}).
 * Parsing the text back with {@link Double#parseDouble} gives the same double, bit for bit.
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class Quantities {

    /** Below this magnitude an integral double converts to a {@code long} exactly (2^63 would not). */
    private static final double LONG_LIMIT = 0x1p63;

    private Quantities() {
    }

    /** True when {@code value} is a whole number that a {@code long} holds exactly. */
    public static boolean isIntegral(double value) {
        return value == Math.rint(value) && Math.abs(value) < LONG_LIMIT;
    }

    /**
     * What is wrong with {@code value} as the volume or size called {@code name} ({@code "size -1 is negative"},
     * {@code "volume NaN is not finite"}); null when it is a finite non-negative number.
     */
    public static String problem(String name, double value) {
        if (!Double.isFinite(value)) {
            return name + " " + value + " is not finite";
        }
        return value < 0 ? name + " " + format(value) + " is negative" : null;
    }

    /**
     * The text of a volume or size: integral values as {@link Long#toString(long)}, other finite values as the plain
     * decimal of {@link Double#toString(double)}, which is the shortest that parses back to the same double.
     *
     * @throws IllegalArgumentException when {@code value} is NaN or infinite
     */
    public static String format(double value) {
        if (isIntegral(value)) {
            return Long.toString((long) value);  // also turns -0.0 into "0"
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("quantity " + value + " is not finite");
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
