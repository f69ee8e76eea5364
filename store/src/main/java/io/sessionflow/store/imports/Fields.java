package io.sessionflow.store.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Strict parsing of one text field, shared by every format. Each method names the field in its {@link BadRow}
 * reason. Stricter than {@link Double#parseDouble}: no hex floats, no {@code d}/{@code f} suffixes, and NaN and
 * infinities are reported as such. Stateless; thread-safe.
 */
final class Fields {

    private Fields() {
    }

    /** A finite decimal number. */
    static double decimal(String name, String text) throws BadRow {
        if (!isDecimal(text)) {
            throw notDecimal(name, text);
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new BadRow(name + " '" + text + "' is not finite");
        }
        return v;
    }

    /** A decimal number, or NaN when the field is empty (a column the source leaves blank). */
    static double optionalDecimal(String name, String text) throws BadRow {
        return text.isEmpty() ? Double.NaN : decimal(name, text);
    }

    /**
     * A non-negative whole number. Accepts the float spelling of a whole number ({@code 2399220.0}, {@code 1e6}) that
     * pandas writes for volumes; a fractional value is bad.
     */
    static long wholeNumber(String name, String text) throws BadRow {
        if (text.length() <= 18 && isDigits(text, 0)) {
            return Long.parseLong(text);  // the common case, without BigDecimal
        }
        BigDecimal v = exact(name, text);
        if (v.signum() < 0) {
            throw new BadRow(name + " " + text + " is negative");
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new BadRow(name + " " + text + (v.stripTrailingZeros().scale() > 0 ? " is not a whole number"
                    : " is too large"));
        }
    }

    /**
     * A finite non-negative volume or size, fractional or not ({@code 0.66756}, {@code 2399220}, {@code 1e6}): the
     * nearest double, which is the value itself for integers below 2^53 and what any later parse of the same text
     * gives. A negative zero is read as zero.
     */
    static double quantity(String name, String text) throws BadRow {
        if (text.length() <= 15 && isDigits(text, 0)) {
            return Long.parseLong(text);  // the common case: exact, and cheaper than parseDouble
        }
        double v = decimal(name, text);
        if (v < 0) {
            throw new BadRow(name + " " + text + " is negative");
        }
        return v + 0.0;  // -0.0 becomes 0.0
    }

    /** A whole number, or {@code absent} when the field is empty. */
    static long optionalWholeNumber(String name, String text, long absent) throws BadRow {
        return text.isEmpty() ? absent : wholeNumber(name, text);
    }

    /**
     * Milliseconds, possibly fractional ({@code 34200001.25}), as whole microseconds (truncated towards the past, like
     * {@code Micros}). No sign, no exponent: LEAN writes plain decimals, and an exponent could make the conversion
     * arbitrarily expensive.
     */
    static long millisAsMicros(String name, String text) throws BadRow {
        int dot = text.indexOf('.');
        int whole = dot < 0 ? text.length() : dot;
        if (whole == 0 || !isDigits(text.substring(0, whole), 0)
                || (dot >= 0 && dot + 1 < text.length() && !isDigits(text, dot + 1))) {
            throw notDecimal(name, text);
        }
        if (whole > 15) {
            throw new BadRow(name + " " + text + " is too large");
        }
        if (dot < 0) {
            return Long.parseLong(text) * 1000;  // the common case, without BigDecimal
        }
        return new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.FLOOR).longValue();
    }

    private static BigDecimal exact(String name, String text) throws BadRow {
        if (!isDecimal(text)) {
            throw notDecimal(name, text);
        }
        return new BigDecimal(text);
    }

    private static BadRow notDecimal(String name, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return new BadRow(name + " is empty");
        }
        if (lower.equals("nan") || lower.equals("-nan")) {
            return new BadRow(name + " is NaN");
        }
        if (lower.matches("[+-]?inf(inity)?")) {
            return new BadRow(name + " '" + text + "' is not finite");
        }
        return new BadRow(name + " '" + text + "' is not a number");
    }

    /** {@code [+-]digits[.digits][(e|E)[+-]digits]} with at least one digit in the mantissa. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
