package io.sessionflow.dashboard.store;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.dashboard.RouteGroup;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.jdbc.Extent;
import io.sessionflow.store.jdbc.Inventory;
import io.sessionflow.store.jdbc.JdbcStore;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The store API: {@code GET /api/store/symbols}, {@code GET /api/store/heatmap} and {@code GET /api/store/session}
 * (see the README's Dashboard section for the parameters and answers). Every parameter is checked
 * ({@link io.sessionflow.dashboard.BadRequest}, status 400); nothing here writes to the store.
 *
 * <p>Thread-safe: handlers run on Jetty's threads; the store's queries and each replay are independent.
 */
public final class StoreViews implements RouteGroup {

    /** The longest derived interval the session view offers: an hour. */
    static final int MAX_INTERVAL = 60;
    /** Trailing sessions one answer may hold. */
    static final int MAX_TRAILING = 20;
    static final int DEFAULT_TRAILING = 5;

    private final MarketDataStore store;
    private final Inventory inventory;
    private final TradingCalendar calendar;
    private final HeatmapMaker heatmap;
    private final SessionReplay replay;

    private StoreViews(MarketDataStore store, Inventory inventory, TradingCalendar calendar, SessionConfig config) {
        this.store = store;
        this.inventory = inventory;
        this.calendar = calendar;
        this.heatmap = new HeatmapMaker(inventory, calendar, config);
        this.replay = new SessionReplay(store, calendar, config);
    }

    /**
     * The views of {@code store}, with {@code calendar} (already given the configuration's session hours, as the
     * commands build it) and {@code config} (its quality segments).
     *
     * @throws IllegalArgumentException when the store is not a SQL store (DuckDB, PostgreSQL): only those count rows
     *                                  per session in one query
     */
    public static StoreViews of(MarketDataStore store, TradingCalendar calendar, SessionConfig config) {
        Objects.requireNonNull(store, "store");
        if (!(store instanceof JdbcStore jdbc)) {
            throw new IllegalArgumentException("the dashboard needs a DuckDB or PostgreSQL store, not "
                    + store.description());
        }
        return new StoreViews(store, jdbc.inventory(), Objects.requireNonNull(calendar, "calendar"),
                Objects.requireNonNull(config, "config"));
    }

    /**
     * Counts the store's 1m bars per symbol and session now, on the calling thread, so that every heatmap request
     * after it is answered from memory (a request that comes meanwhile waits for these counts rather than running
     * the same query beside them).
     *
     * @return the unfiltered heatmap's size: symbols, sessions with data and 1m bars counted in them
     */
    public StoreSize countSessions() {
        Heatmap h = heatmap.make(HeatmapQuery.all());
        long bars = h.rows().stream().flatMap(r -> r.present().stream()).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum();
        return new StoreSize(h.symbols().size(), h.sessions().size(), bars);
    }

    /**
     * What {@link #countSessions} counted.
     *
     * @param symbols  symbols with 1m bars
     * @param sessions sessions on which at least one has 1m bars
     * @param bars     1m bars in those sessions' expected minutes
     *
     * <p>Immutable.
     */
    public record StoreSize(int symbols, int sessions, long bars) {
        public StoreSize {
            if (symbols < 0 || sessions < 0 || bars < 0) {
                throw new IllegalArgumentException("negative size: " + symbols + " symbols, " + sessions
                        + " sessions, " + bars + " bars");
            }
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/store/symbols", ctx -> ctx.json(symbols()));
        routes.get("/api/store/heatmap", ctx -> ctx.json(heatmap(ctx)));
        routes.get("/api/store/session", ctx -> ctx.json(session(ctx)));
    }

    /** The symbols the store holds, with each kind's extent. */
    Map<String, Object> symbols() {
        Map<String, List<Map<String, Object>>> bySymbol = new LinkedHashMap<>();
        ZoneId zone = calendar.zone();
        for (Extent e : inventory.extents()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kind", e.kind().label());
            k.put("first", e.first().toString());
            k.put("last", e.last().toString());
            k.put("firstDate", e.first().atZone(zone).toLocalDate().toString());
            k.put("lastDate", e.last().atZone(zone).toLocalDate().toString());
            k.put("rows", e.rows());
            bySymbol.computeIfAbsent(e.symbol().value(), s -> new ArrayList<>()).add(k);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        bySymbol.forEach((s, kinds) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", s);
            m.put("kinds", kinds);
            list.add(m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("store", store.description());
        out.put("calendar", calendar.name());
        out.put("zone", zone.getId());
        out.put("symbols", list);
        return out;
    }

    Heatmap heatmap(Context ctx) {
        LocalDate from = Params.date(ctx, "from");
        LocalDate to = Params.date(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw BadRequest.of("from", from.toString(), "is after to " + to);
        }
        Set<Symbol> symbols = Params.symbols(ctx, "symbols");
        return heatmap.make(new HeatmapQuery(from, to, symbols, Params.search(ctx, "q")));
    }

    SessionReport session(Context ctx) throws InterruptedException {
        Symbol symbol = Params.symbol(ctx, "symbol");
        LocalDate date = Params.requiredDate(ctx, "date");
        int interval = Params.integer(ctx, "interval", 1, MAX_INTERVAL, 5);
        int trailing = Params.integer(ctx, "trailing", 0, MAX_TRAILING, DEFAULT_TRAILING);
        if (date.isBefore(calendar.firstDate()) || date.isAfter(calendar.lastDate())) {
            throw BadRequest.of("date", date.toString(), "is outside the calendar " + calendar.name() + " ("
                    + calendar.firstDate() + ".." + calendar.lastDate() + ")");
        }
        if (heatmap.minuteExtents().stream().noneMatch(e -> e.symbol().equals(symbol))) {
            throw BadRequest.of("symbol", symbol.value(), "the store has no 1m bars of this symbol");
        }
        return replay.replay(symbol, date, interval, trailing);
    }
}
