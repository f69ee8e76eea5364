package io.sessionflow.dashboard;

/**
 * A request the API refuses: answered with status 400 and {@code {"error": message}}. The message names the offending
 * parameter and value, cut to a sane length.
 *
 * <p>Immutable.
 */
public final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final int MAX_VALUE = 80;

    public BadRequest(String message) {
        super(message);
    }

    /** A message about {@code parameter}'s value, quoted and cut to {@value #MAX_VALUE} characters. */
    public static BadRequest of(String parameter, String value, String why) {
        String v = value == null ? "(none)" : "'" + (value.length() > MAX_VALUE
                ? value.substring(0, MAX_VALUE) + "..." : value) + "'";
        return new BadRequest(parameter + " " + v + ": " + why);
    }
}
