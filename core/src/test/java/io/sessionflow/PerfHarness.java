package io.sessionflow;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.coordinator.MarketDataListener;
import io.sessionflow.coordinator.RunResult;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.*;
import io.sessionflow.session.SessionData;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.LocalDate;
import java.util.*;
import java.util.concurrent.TimeUnit;

public class PerfHarness {
    public static void main(String[] a) throws Exception {
        int nsym = 500;
        boolean listen = a.length > 0;
        List<TradingSession> sessions = Calendars.xnys().sessions(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 1)).subList(0, 20);
        Map<LocalDate, EventBatch> batches = new HashMap<>();
        for (TradingSession s : sessions) {
            BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, nsym * 390);
            long open = Micros.of(s.open());
            for (int m = 0; m < 390; m++) for (int k = 0; k < nsym; k++) {
                double p = 100 + k * 0.1 + m * 0.01;
                b.add(Symbol.of(String.format("S%03d", k)), open + m * Micros.PER_MINUTE, p, p + 0.05, p - 0.05, p + 0.01, 100);
            }
            batches.put(s.date(), EventBatch.bars(b.build()));
        }
        for (int rep = 0; rep < 5; rep++) {
            SessionConfig cfg = SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15))).build();
            TimeProvider tp = TimeProvider.backtest(sessions.get(0).open());
            SessionData data = new SessionData(cfg, tp);
            SystemManager sys = new SystemManager(OperationMode.BACKTEST);
            StreamCoordinator c = StreamCoordinator.builder().config(cfg).time(tp).system(sys).sessionData(data)
                    .calendar(Calendars.xnys()).backtestSessions(sessions).wallClock(WallClock.system()).build();
            EventQueue q = c.newInput("bars", 4);
            for (int k = 0; k < nsym; k++) { Symbol s = Symbol.of(String.format("S%03d", k)); data.register(s); c.register(s, StreamType.BARS); }
            long[] count = new long[1];
            if (listen) c.subscribe(new MarketDataListener() { public void onBar(Bar b) { count[0]++; } public void onDerivedBar(Bar b) { count[0]++; } });
            data.onSessionRequested(s -> { try { q.put(batches.get(s.date())); q.complete(s.date()); data.sessionLoaded(s);} catch (InterruptedException e) { throw new RuntimeException(e);} });
            sys.register(c);
            long t0 = System.nanoTime();
            sys.start();
            RunResult r = c.await(60, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            sys.stop();
            double bars = nsym * 390.0 * 20;
            System.out.printf("rep %d: %s events=%d  %.1f ms  %.2f M 1m bars/s listen=%s%n", rep, r.outcome(), r.events(), (t1 - t0) / 1e6, bars / ((t1 - t0) / 1e9) / 1e6, listen);
        }
    }
}
