package io.sessionflow.api;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.session.SymbolSessionData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one session delivered, per symbol with a bar stream: the figures of the summary file and report tables.
 *
 * <p>Immutable.
 */
public record SessionSummary(LocalDate date, Instant end, SessionEndReason reason, Map<Symbol, SymbolSummary> symbols) {

    public SessionSummary {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        symbols = Map.copyOf(symbols);
    }

    /**
     * One symbol in one session. The figures are over the <em>expected</em> minutes, those of the configured
     * {@code quality-segments} (the whole session when it has no segments): halts are never expected, and an absent
     * pre- or post-market minute is not missing unless its segment is a quality segment. A segmented session also
     * has the figures of each of its segment kinds.
     *
     * @param expected         1m bars a complete session has (in the quality segments)
     * @param present          expected minutes with a real or filled bar
     * @param filled           minutes inserted by gap repair
     * @param confirmedMissing minutes storage lacks too
     * @param synthetic        minutes given a fill-forward bar
     * @param quality          present / expected x 100
     * @param derived          derived bars delivered per interval
     * @param segments         per segment kind of a segmented session, in session order; empty for a session
     *                         without segments (one regular-market part over its window)
     */
    public record SymbolSummary(int expected, int present, int filled, int confirmedMissing, int synthetic,
                                double quality, Map<Interval, Integer> derived, List<SegmentSummary> segments) {
        public SymbolSummary {
            derived = Map.copyOf(derived);
            segments = List.copyOf(segments);
        }

        /** A symbol of a session without segments. */
        public SymbolSummary(int expected, int present, int filled, int confirmedMissing, int synthetic,
                             double quality, Map<Interval, Integer> derived) {
            this(expected, present, filled, confirmedMissing, synthetic, quality, derived, List.of());
        }

        /** 1m bars held: real ones in every segment, and synthetic ones. */
        public int bars() {
            if (segments.isEmpty()) {
                return present + synthetic;
            }
            return segments.stream().mapToInt(SegmentSummary::present).sum() + synthetic;
        }

        /**
         * The summary of {@code c}, a symbol's counts at the end of the session laid out by {@code minutes};
         * {@code derived} are the configured derived intervals, in the order of {@code c.derived()}.
         */
        public static SymbolSummary of(SymbolSessionData.SessionCounts c, SessionMinutes minutes,
                                       List<Interval> derived) {
            Map<Interval, Integer> d = new LinkedHashMap<>();
            for (int k = 0; k < derived.size(); k++) {
                d.put(derived.get(k), c.derived()[k]);
            }
            List<SegmentSummary> parts = new ArrayList<>();
            if (minutes.session().isSegmented()) {
                for (SessionSegment.Kind kind : SessionSegment.Kind.values()) {
                    if (minutes.minutes(kind) > 0) {
                        parts.add(new SegmentSummary(kind, minutes.minutes(kind), c.presentByKind()[kind.ordinal()],
                                minutes.counted().contains(kind)));
                    }
                }
            }
            int expected = minutes.expected();
            return new SymbolSummary(expected, c.presentExpected(), c.filled(), c.confirmedMissing(), c.synthetic(),
                    SymbolSessionData.quality(c.presentExpected(), expected), d, parts);
        }
    }

    /**
     * One kind of segment of one symbol's session.
     *
     * @param kind     pre-market, market or post-market
     * @param expected the minutes of the session's segments of this kind: the 1m bars they have when complete
     * @param present  of those, minutes with a real or filled bar
     * @param counted  whether the kind is a quality segment (its minutes are in the symbol's expected figure)
     */
    public record SegmentSummary(SessionSegment.Kind kind, int expected, int present, boolean counted) {
        public SegmentSummary {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
