package io.envwatch.alerting.api;

import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.alerting.alerts.AlertsApi;
import io.envwatch.alerting.alerts.EvidenceQueries;
import io.envwatch.alerting.campaigns.Campaigns;
import io.envwatch.alerting.campaigns.CampaignsApi;
import io.envwatch.alerting.cases.CaseLedger;
import io.envwatch.alerting.cases.CasesApi;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintFollowUp;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.ComplaintsApi;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.console.ConsoleApi;
import io.envwatch.alerting.console.LiveFeed;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.notifications.DeliveriesApi;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.ratings.Ratings;
import io.envwatch.alerting.ratings.RatingsApi;
import io.envwatch.alerting.river.RiverApi;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.alerting.tips.TipLedger;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.tips.TipsApi;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.alerting.web.WrongCodes;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;

/**
 * The one place the duty service's HTTP routes are built: security headers, the public routes
 * (health, the complaint intake, the console page), sign-in, then one small router per capability.
 * Handlers stay short and never block: InfluxDB reads run on Vert.x's worker pool, alert changes on
 * the {@link AlertLedger}'s thread. Staff sign in with bearer tokens; anonymous callers may only
 * file complaints (and load the console page, which then asks for a token).
 */
public final class DutyApi {
    /**
     * For every answer, the console's pages included: scripts, styles and data only from this
     * service (the console bundles Leaflet and uPlot), never framed, no referrer to other sites.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final AlertBook book;
    private final LiveFeed feed;
    private final DeliveryLog deliveries;
    private final StaffDirectory staff;
    private final AlertsApi alerts;
    private final ComplaintsApi complaints;
    private final RiverApi river;
    private final DeliveriesApi deliveriesApi;
    private final ConsoleApi console;
    private final CasesApi cases;
    private final CampaignsApi campaigns;
    private final RatingsApi ratings;
    private final TipsApi tips;
    private final ConnectionLimits.Guard doors;
    private final Authentication authentication;
    private final Readiness readiness = new Readiness();
    private final ComplaintPublisher publisher;

    /** @param publisher null when no broker is configured: complaints are then refused with 503 */
    /** @param tipLedger null when no tips are configured: the tip routes then answer 503 */
    public DutyApi(
            Vertx vertx,
            Registry registry,
            AlertLedger ledger,
            CaseLedger caseLedger,
            TipLedger tipLedger,
            Campaigns campaignBook,
            Ratings ratingBook,
            EvidenceQueries evidence,
            LiveFeed feed,
            DeliveryLog deliveries,
            StaffDirectory staff,
            SectionQueries river,
            ComplaintDesk desk,
            RepeatCaseQueries repeatCases,
            ComplaintPublisher publisher,
            IntakeLimits intakeLimits,
            ComplaintFollowUp followUp,
            ConnectionLimits.Guard doors,
            Clock clock) {
        this.vertx = vertx;
        this.doors = doors;
        this.publisher = publisher;
        this.book = ledger.book();
        this.feed = feed;
        this.deliveries = deliveries;
        this.staff = staff;
        this.alerts = new AlertsApi(vertx, registry, ledger, evidence, deliveries, clock);
        WrongCodes wrongCodes = new WrongCodes(
                tipLedger == null
                        ? TipSettings.DEFAULT_WRONG_CODES
                        : tipLedger.book().settings().wrongCodes(),
                "claim codes");
        IntakeLimits.Gate publicIntake = intakeLimits.gate();
        this.authentication = new Authentication(staff, intakeLimits.trustForwardedFor());
        this.complaints = new ComplaintsApi(
                vertx,
                registry,
                desk,
                repeatCases,
                publisher,
                intakeLimits,
                publicIntake,
                followUp,
                wrongCodes,
                authentication,
                clock);
        this.river = new RiverApi(vertx, registry, river);
        this.deliveriesApi = new DeliveriesApi(vertx, deliveries);
        this.console = new ConsoleApi(vertx, registry, book, feed, clock);
        this.cases = new CasesApi(vertx, registry, caseLedger, clock);
        this.campaigns = new CampaignsApi(vertx, registry, campaignBook, clock);
        this.ratings =
                new RatingsApi(vertx, ratingBook, clock, registry.localTime().zoneId());
        this.tips = tipLedger == null
                ? null
                : new TipsApi(vertx, registry, tipLedger, intakeLimits, publicIntake, wrongCodes, clock);
    }

    /** What the readiness probe reports; the service tells it how its polls of InfluxDB went. */
    public Readiness readiness() {
        return readiness;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(DutyApi::securityHeaders);
        router.route().handler(DutyApi::writesFromThisSiteAsJson);
        router.get("/api/v1/health").handler(this::health);
        router.get("/api/v1/health/live")
                .handler(ctx -> Answers.json(ctx, 200, new JsonObject().put("status", "live")));
        router.get("/api/v1/health/ready").handler(ctx -> {
            JsonObject ready = readiness.check(publisher);
            Answers.json(ctx, ready.getJsonArray("problems").isEmpty() ? 200 : 503, ready);
        });
        router.route("/api/v1/complaints*").subRouter(complaints.intake());
        if (tips != null) {
            router.route("/api/v1/tips*").subRouter(tips.publicRouter());
        } else {
            router.route("/api/v1/tips*")
                    .handler(ctx -> Answers.error(ctx, 503, "tips are not configured (duty settings: tips)"));
        }
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*")
                .handler(StaticHandler.create("webroot/console").setCachingEnabled(false));

        router.route("/api/v1/*").handler(authentication);
        router.route("/api/v1/alerts*").subRouter(alerts.router());
        router.route("/api/v1/repeat-cases*").subRouter(complaints.repeatCases());
        router.route("/api/v1/cases*").subRouter(cases.router());
        router.route("/api/v1/campaigns*").subRouter(campaigns.router());
        router.route("/api/v1/ratings*").subRouter(ratings.router());
        if (tips != null) {
            router.route("/api/v1/tips*").subRouter(tips.staffRouter());
        }
        router.route("/api/v1/river/*").subRouter(river.router());
        router.route("/api/v1/deliveries*").subRouter(deliveriesApi.router());
        router.route("/api/v1/*").subRouter(console.router());
        router.route()
                .last()
                .handler(ctx -> Answers.error(ctx, 404, "no such resource"))
                .failureHandler(Answers::failed);
        return router;
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
            Answers.json(
                    ctx,
                    403,
                    new JsonObject()
                            .put("error", "writes from another site's page are refused (Origin " + origin + ")")
                            .put("field", "Origin"));
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        // A step with no body at all (curl -X POST .../ack) carries nothing another site could forge.
        boolean bodiless = type == null
                && ctx.request().getHeader("Transfer-Encoding") == null
                && ("0".equals(ctx.request().getHeader("Content-Length"))
                        || ctx.request().getHeader("Content-Length") == null);
        if (!bodiless && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            Answers.json(
                    ctx,
                    415,
                    new JsonObject()
                            .put(
                                    "error",
                                    "a write must be sent as JSON (Content-Type: " + "application/json), not "
                                            + (type == null ? "without a Content-Type" : type))
                            .put("field", "Content-Type"));
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
        int active = book.find(AlertFilter.active()).size();
        Answers.json(
                ctx,
                200,
                new JsonObject()
                        .put("status", "ok")
                        .put("activeAlerts", active)
                        .put("feedSubscribers", feed.subscribers())
                        .put("failedDeliveries", deliveries.latest(true, null).size())
                        .put("connections", doors.figures()));
    }
}
