package io.envwatch.alerting.api;

import io.envwatch.alerting.capability.Capability;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Language;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The one place the duty service's HTTP routes are built: security headers, the public routes
 * (health, each capability's public routes, the console page), sign-in, then each capability's
 * staff routes. Handlers stay short and never block: InfluxDB reads run on Vert.x's worker pool,
 * changes on the ledgers' threads. Staff sign in with bearer tokens; anonymous callers may only
 * file complaints (and load the console page, which then asks for a token).
 */
public final class DutyApi {
    /**
     * For every answer, the console's pages included: scripts, styles and data only from this
     * service (the console bundles Leaflet and uPlot), never framed, no referrer to other sites.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final List<Capability> capabilities;
    private final Authentication authentication;
    private final ConnectionLimits.Guard doors;
    private final Language language;

    /** @param language the district's: what a caller who asks for no language EnvWatch speaks reads */
    public DutyApi(
            Vertx vertx,
            List<Capability> capabilities,
            Authentication authentication,
            ConnectionLimits.Guard doors,
            Language language) {
        this.vertx = vertx;
        this.language = language;
        this.capabilities = List.copyOf(capabilities);
        this.authentication = authentication;
        this.doors = doors;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.put(Answers.DISTRICT_LANGUAGE, language);
            ctx.next();
        });
        router.route().handler(DutyApi::securityHeaders);
        router.route().handler(DutyApi::writesFromThisSiteAsJson);
        router.get("/api/v1/health").handler(this::health);
        router.get("/api/v1/health/live")
                .handler(ctx -> Answers.json(ctx, 200, new JsonObject().put("status", "live")));
        router.get("/api/v1/health/ready").handler(this::ready);
        capabilities.forEach(c -> c.mountPublic(router));
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*")
                .handler(StaticHandler.create("webroot/console").setCachingEnabled(false));

        router.route("/api/v1/*").handler(authentication);
        router.route("/api/v1/*").handler(DutyApi::fieldStaffOnTheirPage);
        capabilities.forEach(c -> c.mountStaff(router));
        router.route()
                .last()
                .handler(ctx -> Answers.error(ctx, 404, "error.no-resource"))
                .failureHandler(Answers::failed);
        return router;
    }

    /**
     * Whether the service can do its work now, for a supervisor's readiness probe: each capability
     * says what keeps it from working (a store that did not answer its last poll, a broker away).
     * Being alive is less (liveness); not ready, it is kept out of a load balancer until they are back.
     */
    private void ready(RoutingContext ctx) {
        JsonArray problems = new JsonArray();
        capabilities.forEach(c -> c.problems().forEach(problems::add));
        Answers.json(
                ctx,
                problems.isEmpty() ? 200 : 503,
                new JsonObject()
                        .put("status", problems.isEmpty() ? "ready" : "not ready")
                        .put("problems", problems));
    }

    /**
     * Grid and information officers sign in on phones out in the villages: who they are and their
     * patrols are all they may reach, never the alerts, complaints, cases or tips of the district.
     */
    private static void fieldStaffOnTheirPage(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (Authentication.staff(ctx).role().inTheField()
                && !path.equals("/api/v1/whoami")
                && !path.startsWith("/api/v1/patrols/")) {
            Answers.error(ctx, 403, "error.field-staff");
            return;
        }
        ctx.next();
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /**
     * Every write is JSON (or has no body at all) and comes from this service's own pages or from no
     * page at all. A page on
     * another site may make a visitor's browser send a form or a "simple" fetch (text/plain, no
     * preflight) to any address, anonymous intake included; JSON needs a preflight, which this
     * service never answers, and the Origin (or Sec-Fetch-Site) a browser adds says where it came from.
     */
    private static void writesFromThisSiteAsJson(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
        if ((origin != null && !sameOrigin(origin, ctx.request().getHeader("Host")))
                || (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none"))) {
            Answers.invalid(ctx, 403, new InvalidField("Origin", "error.cross-site", "origin", String.valueOf(origin)));
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        // A step with no body at all (curl -X POST .../ack) carries nothing another site could forge.
        boolean bodiless = type == null
                && ctx.request().getHeader("Transfer-Encoding") == null
                && ("0".equals(ctx.request().getHeader("Content-Length"))
                        || ctx.request().getHeader("Content-Length") == null);
        if (!bodiless && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            Answers.invalid(
                    ctx,
                    415,
                    type == null
                            ? new InvalidField("Content-Type", "error.no-content-type")
                            : new InvalidField("Content-Type", "error.not-json-type", "type", type));
            return;
        }
        ctx.next();
    }

    /** Whether an Origin header names this service as the browser reached it (the Host it sent). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String given = host.toLowerCase(Locale.ROOT);
            String named = uri.getHost().toLowerCase(Locale.ROOT);
            return given.equals(named + ":" + port)
                    || (given.equals(named) && port == ("https".equals(uri.getScheme()) ? 443 : 80));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void health(RoutingContext ctx) {
        JsonObject health = new JsonObject().put("status", "ok");
        capabilities.forEach(c -> c.health(health));
        Answers.json(ctx, 200, health.put("connections", doors.figures()));
    }
}
