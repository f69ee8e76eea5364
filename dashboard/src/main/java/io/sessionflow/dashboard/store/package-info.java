/**
 * The Store and Session parts of the dashboard: {@link io.sessionflow.dashboard.store.StoreViews} answers
 * {@code /api/store/symbols}, {@code /api/store/heatmap} (symbols x sessions with the coordinator's expected minutes
 * and the stored 1m bars, one grouped query) and {@code /api/store/session} (one symbol's session replayed through
 * the real coordinator, so its figures are those {@code sessionflow gaps} prints).
 */
package io.sessionflow.dashboard.store;
