package io.sessionflow.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.sessionflow.errors.ErrorText;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dashboard server: the page at {@code /}, the JSON API under {@code /api}. Built with {@link #builder()};
 * {@link #close()} stops it. Requests other than GET, HEAD and OPTIONS under {@code /api} need the
 * {@link AccessToken#HEADER} header; without it they get 401 and change nothing. Threading: start and close from one
 * thread; the route groups' handlers run on Jetty's threads.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    /** The page's files on the classpath; a request path never reaches the file system. */
    static final String WEB_ROOT = "/io/sessionflow/dashboard/web";

    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Javalin web;
    private final DashboardSettings settings;

    private Dashboard(Javalin web, DashboardSettings settings) {
        this.web = web;
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The page's address, with the port actually bound. */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + web.port() + "/");
    }

    public int port() {
        return web.port();
    }

    public DashboardSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        web.stop();
    }

    /** The JSON mapper of the API: records as objects, no timestamps as numbers. */
    public static ObjectMapper json() {
        return new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    /** Collects the route groups, then binds. Threading: one thread. */
    public static final class Builder {

        private DashboardSettings settings;
        private final List<RouteGroup> groups = new ArrayList<>();

        private Builder() {
        }

        public Builder settings(DashboardSettings v) {
            this.settings = Objects.requireNonNull(v, "settings");
            return this;
        }

        public Builder routes(RouteGroup group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws DashboardStartException when the host does not resolve or the port cannot be bound (taken, or not
         *                                 allowed), with a message naming them
         */
        public Dashboard start() {
            Objects.requireNonNull(settings, "settings");
            try {
                settings.address();
            } catch (IllegalArgumentException e) {
                throw new DashboardStartException(e.getMessage(), e);
            }
            ObjectMapper mapper = json();
            Javalin web = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.jsonMapper(new JavalinJackson(mapper, false));
                config.staticFiles.add(WEB_ROOT, Location.CLASSPATH);
                config.staticFiles.enableWebjars();
                config.routes.before("/api/*", ctx -> {
                    if (!READS.contains(ctx.method()) && !settings.token().matches(ctx.header(AccessToken.HEADER))) {
                        error(ctx, HttpStatus.UNAUTHORIZED, "this request changes state: send the token printed at "
                                + "start in the " + AccessToken.HEADER + " header");
                        ctx.skipRemainingHandlers();
                    }
                });
                config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST,
                        e.getMessage()));
                config.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.warn("dashboard request {} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, e.getClass().getSimpleName() + ": "
                            + e.getMessage());
                });
                config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                    if (ctx.path().startsWith("/api/")) {
                        error(ctx, HttpStatus.NOT_FOUND, "no such API path: " + ctx.path());
                    }
                });
                groups.forEach(g -> g.register(config.routes));
            });
            try {
                web.start();
            } catch (RuntimeException e) {
                try {
                    web.stop();
                } catch (RuntimeException ignored) {
                    // nothing was started
                }
                throw new DashboardStartException("cannot listen on " + settings.host() + ":" + settings.port()
                        + ": " + ErrorText.rootMessage(e), e);
            }
            Dashboard d = new Dashboard(web, settings);
            LOG.info("dashboard on {}", d.uri());
            return d;
        }
    }
}
