/**
 * The browser dashboard: a Javalin server on 127.0.0.1 by default with a JSON API under {@code /api} and one page
 * (static files from the classpath, uPlot from its webjar). {@link io.sessionflow.dashboard.Dashboard} starts and stops
 * it; the store views and the runs are separate route groups ({@link io.sessionflow.dashboard.RouteGroup}). Requests
 * that change anything carry the token printed at start; no request names a file.
 */
package io.sessionflow.dashboard;
