package io.sessionflow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Puts the status line on stderr: on a terminal redrawn in place ({@code \r}) at most every {@link #REDRAW_EVERY}, so
 * the line stays put; otherwise (a log file, a pipe) one plain line per interval, so that logs stay readable. The
 * caller ticks it with the wall clock's nanos; it prints only when a line is due. Other output clears the redrawn line
 * first ({@link #clear()}), or it would start in the middle of it.
 *
 * <p>Threading: the command's thread only.
 */
final class StatusPrinter {

    /** How the status is shown; {@code --status}. */
    enum Mode {
        /** Redraw on a terminal, plain lines otherwise. */
        AUTO,
        /** Redraw in place. */
        REDRAW,
        /** One plain line per interval. */
        LINES,
        /** Nothing. */
        OFF;

        /** AUTO resolved against whether stderr is a terminal. */
        Mode resolve(boolean terminal) {
            return this != AUTO ? this : terminal ? REDRAW : LINES;
        }
    }

    /** The fastest redraw on a terminal. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(500);
    /** Prefix of the plain lines, so that they can be told from log lines. */
    static final String PREFIX = "status: ";

    private final PrintWriter err;
    private final Mode mode;
    private final long everyNanos;
    private long nextDue = Long.MIN_VALUE;
    private int drawn;

    /**
     * @param mode  REDRAW, LINES or OFF (resolve AUTO first)
     * @param lines the period of plain lines
     */
    StatusPrinter(PrintWriter err, Mode mode, Duration lines) {
        this.err = Objects.requireNonNull(err, "err");
        if (mode == Mode.AUTO) {
            throw new IllegalArgumentException("resolve the AUTO status mode against the terminal first");
        }
        this.mode = mode;
        if (lines.isNegative() || lines.isZero()) {
            throw new UsageException("--status-interval " + lines + " is not positive");
        }
        this.everyNanos = (mode == Mode.REDRAW ? REDRAW_EVERY : lines).toNanos();
    }

    Mode mode() {
        return mode;
    }

    /** Wall nanos until the next line is due (0: now; MAX_VALUE: never): the caller's longest useful wait. */
    long nanosUntilDue(long nowNanos) {
        if (mode == Mode.OFF) {
            return Long.MAX_VALUE;
        }
        return nextDue == Long.MIN_VALUE ? 0 : Math.max(0, nextDue - nowNanos);
    }

    /** Prints {@code line} when one is due at {@code nowNanos}; returns whether it printed. */
    boolean tick(long nowNanos, Supplier<String> line) {
        if (mode == Mode.OFF || (nextDue != Long.MIN_VALUE && nowNanos < nextDue)) {
            return false;
        }
        nextDue = nowNanos + everyNanos;
        String text = line.get();
        if (mode == Mode.REDRAW) {
            // Padded over the previous line's tail; the cursor stays at the end of the line.
            err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
            drawn = text.length();
        } else {
            err.println(PREFIX + text);
        }
        err.flush();
        return true;
    }

    /** Erases a redrawn line, before other output; the next tick draws it again. */
    void clear() {
        if (mode == Mode.REDRAW && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
            nextDue = Long.MIN_VALUE;
        }
    }

    /**
     * Whether this process's stderr is a terminal. {@link System#console()} looks at stdin and stdout only (a
     * redirected stdout would hide a terminal stderr), so on Linux the file descriptor is asked.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString().toLowerCase(Locale.ROOT);
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: fall back to the console
        }
        return System.console() != null;
    }
}
