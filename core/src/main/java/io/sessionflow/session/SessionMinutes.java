package io.sessionflow.session;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import java.time.Instant;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The minutes of one session by what they are: minute {@code m} is the slot {@code [open + m, open + m + 1)} of the
 * window and belongs to the segment its start is in, or to no segment (a halt). Minutes of the {@code counted}
 * kinds ({@code quality-segments}) are <em>expected</em>: quality counts them, completeness checks look them up
 * when absent, repairs and fill-forward may land in them. The other segments' bars are kept and delivered, but an
 * absent one is not missing. Halt minutes are never expected and hold no bar.
 *
 * <p>The one place that maps a session's segments to minute indexes, for the coordinator, the loaders and the
 * checks alike. Immutable; safe to share between threads.
 */
public final class SessionMinutes {

    /** {@link #kind(int)} of a minute in a halt. */
    public static final int HALT = -1;

    private final TradingSession session;
    private final Set<Kind> counted;
    /** Per minute, the {@link Kind#ordinal()} of its segment or {@link #HALT}; shared with the books, never written. */
    private final byte[] kinds;
    /** Bit k set when kind ordinal k is counted. */
    private final int countedMask;
    /** {@code expectedBefore[m]}: expected minutes in {@code [0, m)}; {@code minutes + 1} entries. */
    private final int[] expectedBefore;
    private final int[] minutesByKind = new int[Kind.values().length];

    private SessionMinutes(TradingSession session, Set<Kind> counted) {
        this.session = Objects.requireNonNull(session, "session");
        this.counted = Set.copyOf(counted.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(counted));
        int minutes = session.minutes();
        int mask = 0;
        for (Kind k : counted) {
            mask |= 1 << k.ordinal();
        }
        this.countedMask = mask;
        this.kinds = new byte[minutes];
        java.util.Arrays.fill(kinds, (byte) HALT);
        long open = Micros.of(session.open());
        for (SessionSegment s : session.segments()) {
            // The minutes whose start is in [start, end): from ceil(start) to ceil(end), in minutes after the open.
            int first = (int) ceilDiv(Micros.of(s.start()) - open, Micros.PER_MINUTE);
            int last = (int) Math.min(minutes, ceilDiv(Micros.of(s.end()) - open, Micros.PER_MINUTE));
            for (int m = first; m < last; m++) {
                kinds[m] = (byte) s.kind().ordinal();
            }
        }
        this.expectedBefore = new int[minutes + 1];
        for (int m = 0; m < minutes; m++) {
            int k = kinds[m];
            boolean isExpected = k != HALT && (mask & (1 << k)) != 0;
            expectedBefore[m + 1] = expectedBefore[m] + (isExpected ? 1 : 0);
            if (k != HALT) {
                minutesByKind[k]++;
            }
        }
    }

    /** The minutes of {@code session}, those of the {@code counted} kinds expected. */
    public static SessionMinutes of(TradingSession session, Set<Kind> counted) {
        return new SessionMinutes(session, counted);
    }

    /**
     * Where a session's data ends: the end of its last segment (its trading close), which is the window's close
     * unless the window ends in a halt (a CME session [17:00, 17:00) whose trading stops at 16:15). The session ends
     * there; nothing after it is expected or held.
     */
    public static Instant tradingClose(TradingSession session) {
        return session.segments().get(session.segments().size() - 1).end();
    }

    public TradingSession session() {
        return session;
    }

    /** The kinds whose minutes are expected. */
    public Set<Kind> counted() {
        return counted;
    }

    /** Minutes of the window, halts included. */
    public int minutes() {
        return kinds.length;
    }

    /** The {@link Kind#ordinal()} of minute {@code m}'s segment, or {@link #HALT}. */
    public int kind(int m) {
        return kinds[m];
    }

    /** Whether minute {@code m} is expected: in a segment of a counted kind. */
    public boolean isExpected(int m) {
        int k = kinds[m];
        return k != HALT && (countedMask & (1 << k)) != 0;
    }

    /** Whether a segment of kind ordinal {@code kind} is counted. */
    boolean isCountedKind(int kind) {
        return kind != HALT && (countedMask & (1 << kind)) != 0;
    }

    /** The expected minutes of the whole session: what a complete session has. */
    public int expected() {
        return expectedBefore[kinds.length];
    }

    /** The expected minutes among the first {@code m} (clamped to the session). */
    public int expectedBefore(int m) {
        return expectedBefore[Math.max(0, Math.min(kinds.length, m))];
    }

    /** Minutes in segments of {@code kind}. */
    public int minutes(Kind kind) {
        return minutesByKind[kind.ordinal()];
    }

    /** A new set of the expected minutes (bit m = minute m). */
    public BitSet expectedMinutes() {
        BitSet bits = new BitSet(kinds.length);
        for (int m = 0; m < kinds.length; m++) {
            if (isExpected(m)) {
                bits.set(m);
            }
        }
        return bits;
    }

    /** The minute index of {@link #tradingClose}: minutes at or after it hold nothing. */
    public int tradingCloseMinute() {
        long open = Micros.of(session.open());
        return (int) Math.min(kinds.length, ceilDiv(Micros.of(tradingClose(session)) - open, Micros.PER_MINUTE));
    }

    /** The per-minute kinds, shared read-only with the books of this package. */
    byte[] kinds() {
        return kinds;
    }

    /** The counted kinds as bits of kind ordinals. */
    int countedMask() {
        return countedMask;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
