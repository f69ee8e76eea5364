package io.sessionflow.dashboard;

import io.javalin.config.RoutesConfig;

/**
 * A part of the API (the store views, the runs) that adds its routes to the server. Routes under {@code /api} answer
 * JSON; a {@link BadRequest} thrown by a handler becomes status 400. Threading: {@link #register} is called once, on the
 * thread that starts the server; handlers run on Jetty's threads.
 */
@FunctionalInterface
public interface RouteGroup {

    void register(RoutesConfig routes);
}
