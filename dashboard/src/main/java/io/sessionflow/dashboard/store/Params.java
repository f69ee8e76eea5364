package io.sessionflow.dashboard.store;

import io.javalin.http.Context;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of the store API, checked: a bad value is a {@link BadRequest} naming the parameter and the
 * value. Symbols are taken case-insensitively, as on the command line. Stateless; safe from any thread.
 */
final class Params {

    /** Symbols one request may name: a bound on the work and the SQL a request can cause. */
    static final int MAX_SYMBOLS = 5_000;

    private Params() {
    }

    /** A required symbol. */
    static Symbol symbol(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw BadRequest.of(name, v, "a symbol is required");
        }
        return symbol(name, v);
    }

    private static Symbol symbol(String name, String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(upper)) {
            throw BadRequest.of(name, value, "not a ticker (letters and digits, e.g. SPY or BRK.B)");
        }
        return Symbol.of(upper);
    }

    /** Comma-separated symbols, empty when the parameter is absent or blank. */
    static Set<Symbol> symbols(Context ctx, String name) {
        String v = ctx.queryParam(name);
        Set<Symbol> out = new LinkedHashSet<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        List<String> parts = new ArrayList<>(List.of(v.split(",", -1)));
        if (parts.size() > MAX_SYMBOLS) {
            throw BadRequest.of(name, v, "names " + parts.size() + " symbols; at most " + MAX_SYMBOLS);
        }
        for (String p : parts) {
            if (!p.isBlank()) {
                out.add(symbol(name, p));
            }
        }
        return out;
    }

    /** An ISO date, or null when the parameter is absent or blank. */
    static LocalDate date(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw BadRequest.of(name, v, "not a date (YYYY-MM-DD)");
        }
    }

    /** A required ISO date. */
    static LocalDate requiredDate(Context ctx, String name) {
        LocalDate d = date(ctx, name);
        if (d == null) {
            throw BadRequest.of(name, ctx.queryParam(name), "a date (YYYY-MM-DD) is required");
        }
        return d;
    }

    /** An integer in {@code [min, max]}, {@code fallback} when absent. */
    static int integer(Context ctx, String name, int min, int max, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw BadRequest.of(name, v, "not a whole number");
        }
        if (n < min || n > max) {
            throw BadRequest.of(name, v, "must be " + min + ".." + max);
        }
        return n;
    }

    /** Free text of a search box, at most 40 characters, uppercased; empty when absent. */
    static String search(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return "";
        }
        if (v.length() > 40) {
            throw BadRequest.of(name, v, "longer than 40 characters");
        }
        return v.strip().toUpperCase(Locale.ROOT);
    }
}
