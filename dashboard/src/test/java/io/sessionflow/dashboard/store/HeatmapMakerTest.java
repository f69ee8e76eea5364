package io.sessionflow.dashboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.store.Stores;
import io.sessionflow.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heatmap's counts where the configuration keeps pre- and post-market but counts only the market (a bar of an
 * uncounted segment is data, not a present minute), equal to the coordinator's; and a cached answer is recomputed
 * once the store holds more.
 */
class HeatmapMakerTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate DAY = LocalDate.of(2024, 3, 4);

    @TempDir
    Path dir;

    private static BarSeries minutes(Symbol s, Instant from, Instant to, int skipEvery) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        int i = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1)), i++) {
            if (skipEvery == 0 || i % skipEvery != 0) {
                b.add(Bar.of(s, t, Interval.ONE_MINUTE, 10, 10.5, 9.5, 10, 100));
            }
        }
        return b.build();
    }

    @Test
    void presentCountsTheQualitySegmentsOnlyAsTheCoordinatorDoes() throws Exception {
        SessionConfig config = SessionConfig.builder().set("session-start", "04:00").set("session-end", "20:00").build();
        TradingCalendar calendar = config.calendar(Calendars.xnys());
        TradingSession session = calendar.session(DAY).orElseThrow();
        assertThat(session.isSegmented()).isTrue();
        try (JdbcStore store = (JdbcStore) Stores.open(dir.resolve("seg.duckdb").toString())) {
            // 30 pre-market bars, the market with every 39th minute missing (10 of 390)
            store.upsertBars(minutes(AAA, session.marketOpen().minus(Duration.ofMinutes(30)), session.marketOpen(), 0));
            store.upsertBars(minutes(AAA, session.marketOpen(), session.marketClose(), 39));
            HeatmapMaker maker = new HeatmapMaker(store.inventory(), calendar, config);
            Heatmap h = maker.make(HeatmapQuery.all());
            assertThat(h.sessions()).extracting(Heatmap.Column::date).containsExactly(DAY.toString());
            assertThat(h.sessions().get(0).expected()).isEqualTo(390);
            assertThat(h.rows().get(0).present()).containsExactly(380);
            assertThat(h.rows().get(0).quality()).containsExactly(97.44);

            SessionReport replayed = new SessionReplay(store, calendar, config).replay(AAA, DAY, 1, 0);
            assertThat(replayed.figures().expected()).isEqualTo(390);
            assertThat(replayed.figures().present()).isEqualTo(380);
            assertThat(replayed.figures().quality()).isEqualTo(97.44);
            assertThat(replayed.counts().get("missing")).isEqualTo(10);
        }
    }

    @Test
    void aCachedAnswerIsRecomputedWhenTheStoreHoldsMore() {
        SessionConfig config = SessionConfig.defaults();
        TradingCalendar calendar = config.calendar(Calendars.xnys());
        TradingSession session = calendar.session(DAY).orElseThrow();
        try (JdbcStore store = (JdbcStore) Stores.open(dir.resolve("cache.duckdb").toString())) {
            store.upsertBars(minutes(AAA, session.open(), session.close(), 0));
            HeatmapMaker maker = new HeatmapMaker(store.inventory(), calendar, config);
            Heatmap first = maker.make(HeatmapQuery.all());
            assertThat(maker.make(HeatmapQuery.all())).isEqualTo(first);
            store.upsertBars(minutes(Symbol.of("BBB"), session.open(), session.open().plus(Duration.ofMinutes(39)),
                    0));
            Heatmap second = maker.make(HeatmapQuery.all());
            assertThat(second.symbols()).containsExactly("AAA", "BBB");
            assertThat(second.rows().get(1).quality()).containsExactly(10.0);
            // A filter is answered from the same counts: BBB alone, by name or by search, has the same cell.
            Heatmap bbb = maker.make(new HeatmapQuery(DAY, DAY, Set.of(Symbol.of("BBB")), ""));
            assertThat(bbb.symbols()).containsExactly("BBB");
            assertThat(bbb.rows().get(0)).isEqualTo(second.rows().get(1));
            assertThat(maker.make(new HeatmapQuery(null, null, Set.of(), "BB")).rows()).containsExactly(
                    second.rows().get(1));
            assertThat(maker.make(new HeatmapQuery(DAY.plusDays(1), DAY.plusDays(5), Set.of(), "")).sessions())
                    .isEmpty();
        }
    }
}
