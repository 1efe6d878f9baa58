package io.envwatch.alerting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.envwatch.alerting.alerts.AlertAction;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertJson;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.alerting.alerts.Command;
import io.envwatch.alerting.alerts.EvidenceQueries;
import io.envwatch.alerting.alerts.IncidentSnapshot;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.IntakeLimits;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.console.DistrictMap;
import io.envwatch.alerting.console.LiveFeed;
import io.envwatch.alerting.notifications.Delivery;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintIntake;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the duty service's HTTP routes are built. Handlers stay short and never block:
 * InfluxDB reads run on Vert.x's worker pool, alert changes on the {@link AlertLedger}'s thread.
 * Staff sign in with bearer tokens; anonymous callers may only file complaints (and load the
 * console page, which then asks for a token).
 */
public final class DutyApi {
    private static final Logger LOG = LoggerFactory.getLogger(DutyApi.class);
    /** Strict: a body with text after its JSON value, or a key given twice, is refused rather than half-read. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /**
     * For every answer, the console's pages included: scripts, styles and data only from this
     * service (the console bundles Leaflet and uPlot), never framed, no referrer to other sites.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final int MAX_COMPLAINT_BYTES = 16 * 1024;
    static final int MAX_COMMAND_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final Registry registry;
    private final AlertLedger ledger;
    private final AlertBook book;
    private final EvidenceQueries evidence;
    private final LiveFeed feed;
    private final DeliveryLog deliveries;
    private final StaffDirectory staff;
    private final SectionQueries river;
    private final ComplaintIntake intake;
    private final ComplaintDesk desk;
    private final RepeatCaseQueries repeatCases;
    private final ComplaintPublisher publisher;
    private final IntakeLimits.Gate intakeGate;
    private final boolean trustForwardedFor;
    private final Clock clock;

    /** @param publisher null when no broker is configured: complaints are then refused with 503 */
    public DutyApi(Vertx vertx, Registry registry, AlertLedger ledger, EvidenceQueries evidence, LiveFeed feed,
            DeliveryLog deliveries, StaffDirectory staff, SectionQueries river, ComplaintDesk desk,
            RepeatCaseQueries repeatCases, ComplaintPublisher publisher, IntakeLimits intakeLimits, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.ledger = ledger;
        this.book = ledger.book();
        this.evidence = evidence;
        this.feed = feed;
        this.deliveries = deliveries;
        this.staff = staff;
        this.river = river;
        this.intake = new ComplaintIntake(registry);
        this.desk = desk;
        this.repeatCases = repeatCases;
        this.publisher = publisher;
        this.intakeGate = intakeLimits.gate();
        this.trustForwardedFor = intakeLimits.trustForwardedFor();
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(DutyApi::securityHeaders);
        router.get("/api/v1/health").handler(this::health);
        // Two routes: Vert.x takes the body handler only first on a route, and the admission
        // check must come before the body is read.
        router.post("/api/v1/complaints").handler(this::admitComplaint);
        router.post("/api/v1/complaints")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_COMPLAINT_BYTES))
                .handler(this::submitComplaint)
                .failureHandler(ctx -> failedBody(ctx, "the complaint", MAX_COMPLAINT_BYTES));
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*").handler(StaticHandler.create("webroot/console").setCachingEnabled(false));

        router.route("/api/v1/*").handler(new Authentication(staff));
        router.get("/api/v1/whoami").handler(this::whoami);
        router.get("/api/v1/alerts").handler(this::listAlerts);
        router.get("/api/v1/alerts/:id").handler(this::alert);
        router.get("/api/v1/alerts/:id/evidence").handler(this::alertEvidence);
        router.post("/api/v1/alerts/:id/:verb")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_COMMAND_BYTES))
                .handler(this::command)
                .failureHandler(ctx -> failedBody(ctx, "the body", MAX_COMMAND_BYTES));
        router.get("/api/v1/feed").handler(ctx -> feed.subscribe(ctx.response(), vertx.getOrCreateContext()));
        router.get("/api/v1/map").handler(ctx -> json(ctx, 200, DistrictMap.of(registry, book)));
        router.get("/api/v1/deliveries").handler(this::listDeliveries);
        router.get("/api/v1/river/sections/:id").handler(this::riverSection);
        router.get("/api/v1/repeat-cases").handler(this::listRepeatCases);
        router.route().last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "no such resource")));
        return router;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /**
     * A body that could not be read. The body handler may fail a request more than once (a chunked
     * upload keeps arriving after it passed the limit): answer the first time only.
     */
    private static void failedBody(RoutingContext ctx, String what, int limit) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (ctx.statusCode() == 413) {
            ctx.response().putHeader("Connection", "close");
            json(ctx, 413, new JsonObject().put("error", what + " is larger than " + limit + " bytes").put("field", "body"));
        } else {
            json(ctx, 400, new JsonObject().put("error", what + " could not be read").put("field", "body"));
        }
    }

    /**
     * Before the body is read: a complaint is JSON, and the intake's limits per client address and
     * overall hold (429 with Retry-After).
     */
    private void admitComplaint(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            json(ctx, 415, new JsonObject().put("error", "a complaint must be sent as JSON (Content-Type: application/json), not "
                    + (type == null ? "without a Content-Type" : type)).put("field", "Content-Type"));
            return;
        }
        IntakeLimits.Decision decision = intakeGate.admit(clientAddress(ctx), System.nanoTime());
        if (!decision.admitted()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            json(ctx, 429, new JsonObject().put("error", "too many complaints (" + decision.limit() + "); retry in "
                    + decision.retryAfterSeconds() + " s").put("retryAfterSeconds", decision.retryAfterSeconds()));
            return;
        }
        ctx.next();
    }

    private String clientAddress(RoutingContext ctx) {
        if (trustForwardedFor) {
            String forwarded = ctx.request().getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private void health(RoutingContext ctx) {
        int active = book.find(AlertFilter.active()).size();
        json(ctx, 200, new JsonObject().put("status", "ok").put("activeAlerts", active)
                .put("feedSubscribers", feed.subscribers())
                .put("failedDeliveries", deliveries.latest(true, null).size()));
    }

    private void whoami(RoutingContext ctx) {
        Staff s = Authentication.staff(ctx);
        ZoneId zone = registry.localTime().zoneId();
        // The console shows every time in the district's local time, whatever the browser's zone.
        json(ctx, 200, new JsonObject().put("name", s.name()).put("role", s.role().wireName()).put("team", s.team())
                .put("towns", new JsonArray(s.towns().stream().sorted().toList()))
                .put("zone", zone.getId())
                .put("utcOffset", zone.getRules().getOffset(clock.instant()).getId()));
    }

    private void listAlerts(RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(ctx.request()::getParam, registry, clock.instant());
        } catch (BadRequest e) {
            json(ctx, 400, new JsonObject().put("error", e.getMessage()).put("field", e.field()));
            return;
        }
        json(ctx, 200, book.read(b -> {
            JsonArray list = new JsonArray();
            b.find(filter).forEach(a -> list.add(AlertJson.summary(a, b)));
            return list;
        }));
    }

    private void alert(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject detail = book.read(b -> b.get(id).map(a -> AlertJson.detail(a, b)).orElse(null));
        if (detail == null) {
            json(ctx, 404, new JsonObject().put("error", "no alert " + id));
            return;
        }
        JsonArray sent = new JsonArray();
        deliveries.latest(false, id).forEach(d -> sent.add(JsonObject.mapFrom(d)));
        json(ctx, 200, detail.put("deliveries", sent));
    }

    private void alertEvidence(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        IncidentSnapshot about = book.read(b -> b.get(id).map(a -> a.incident()).orElse(null));
        if (about == null) {
            json(ctx, 404, new JsonObject().put("error", "no alert " + id));
            return;
        }
        answerFromWorker(ctx, "evidence", () -> evidence.series(about.site(), about.quantity(), about.start(), about.limit(),
                clock.millis()));
    }

    /** ack, dispatch, on-scene, resolve: with an optional JSON body {"note": ..., "code": ...}. */
    private void command(RoutingContext ctx) {
        AlertAction action = Command.actionOf(ctx.pathParam("verb"));
        if (action == null) {
            json(ctx, 404, new JsonObject().put("error", "no such action " + ctx.pathParam("verb")
                    + " (ack, dispatch, on-scene, resolve)"));
            return;
        }
        Command command;
        try {
            command = commandOf(action, ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (BadRequest e) {
            json(ctx, 400, new JsonObject().put("error", e.getMessage()).put("field", e.field()));
            return;
        }
        String id = ctx.pathParam("id");
        CompletableFuture<JsonObject> done = ledger.command(id, command, Authentication.staff(ctx))
                .thenApply(a -> book.read(b -> AlertJson.summary(a, b)));
        Future.fromCompletionStage(done, vertx.getOrCreateContext()).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 200, result.result());
                return;
            }
            Throwable cause = result.cause() instanceof CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : result.cause();
            if (cause instanceof AlertBook.Refused refused) {
                json(ctx, refused.status(), new JsonObject().put("error", refused.getMessage()));
            } else {
                LOG.warn("alert {} {} not stored: {}", id, action.wireName(), cause.getMessage());
                json(ctx, 503, new JsonObject().put("error", "the change was not stored, please retry"));
            }
        });
    }

    private static Command commandOf(AlertAction action, byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("body", "the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequest("body", "the body must be a JSON object");
        }
        String note = textOrNull(json, "note");
        if (note != null && note.length() > Command.MAX_NOTE) {
            throw new BadRequest("note", "note must be at most " + Command.MAX_NOTE + " characters");
        }
        String code = textOrNull(json, "code");
        if (action == AlertAction.RESOLVED) {
            if (code == null || !Command.RESOLUTION_CODES.contains(code)) {
                throw new BadRequest("code", "resolve needs a code, one of "
                        + Command.RESOLUTION_CODES.stream().sorted().toList());
            }
        } else if (code != null) {
            throw new BadRequest("code", "only resolve takes a code");
        }
        return new Command(action, code, note);
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(field, field + " must be a text");
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private void listDeliveries(RoutingContext ctx) {
        boolean failed = "true".equals(ctx.request().getParam("failed"));
        JsonArray list = new JsonArray();
        for (Delivery d : deliveries.latest(failed, ctx.request().getParam("alert"))) {
            list.add(JsonObject.mapFrom(d));
        }
        json(ctx, 200, list);
    }

    /**
     * Accepts a complaint once the broker holds it (202), or recognises a repeat of an external
     * reference (200). The body is never logged: it may hold a contact, which is dropped here.
     */
    private void submitComplaint(RoutingContext ctx) {
        Complaint complaint;
        try {
            JsonNode body = JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            complaint = intake.accept(body, clock.millis());
        } catch (ComplaintIntake.Invalid e) {
            json(ctx, 400, new JsonObject().put("error", e.getMessage()).put("field", e.field()));
            return;
        } catch (JsonProcessingException e) {
            json(ctx, 400, new JsonObject().put("error", "the body is not valid JSON: " + e.getOriginalMessage()).put("field", "body"));
            return;
        } catch (IOException e) {
            json(ctx, 400, new JsonObject().put("error", "the body is not valid JSON").put("field", "body"));
            return;
        }
        if (publisher == null) {
            json(ctx, 503, new JsonObject().put("error", "complaint intake is not connected to a broker"));
            return;
        }
        if (complaint.externalRef != null) {
            CompletableFuture<Boolean> earlier = desk.claim(complaint.id);
            if (earlier != null) {
                // The same reference is being accepted by another request: answer as it ends.
                earlier.whenComplete((accepted, error) -> vertx.runOnContext(v -> {
                    if (Boolean.TRUE.equals(accepted)) {
                        json(ctx, 200, receipt(complaint).put("duplicate", true));
                    } else {
                        json(ctx, 503, new JsonObject().put("error", "complaint not accepted, please retry"));
                    }
                }));
                return;
            }
        }
        vertx.executeBlocking(() -> desk.alreadyAccepted(complaint)).onComplete(seen -> {
            if (seen.failed()) {
                LOG.warn("complaint lookup failed: {}", seen.cause().getMessage());
                desk.settle(complaint.id, false);
                json(ctx, 503, new JsonObject().put("error", "complaint store unavailable"));
            } else if (seen.result()) {
                desk.settle(complaint.id, true);
                json(ctx, 200, receipt(complaint).put("duplicate", true));
            } else {
                publisher.publish(complaint).whenComplete((ok, error) -> vertx.runOnContext(v -> {
                    if (error != null) {
                        LOG.warn("complaint {} not handed to the broker: {}", complaint.id, error.getMessage());
                        desk.settle(complaint.id, false);
                        json(ctx, 503, new JsonObject().put("error", "complaint not accepted, please retry"));
                    } else {
                        desk.accepted(complaint);
                        desk.settle(complaint.id, true);
                        LOG.info("complaint {} accepted ({}, {}, {})", complaint.id, complaint.category, complaint.town,
                                complaint.channel);
                        json(ctx, 202, receipt(complaint).put("duplicate", false));
                    }
                }));
            }
        });
    }

    private static JsonObject receipt(Complaint c) {
        return new JsonObject().put("id", c.id).put("status", "accepted").put("category", c.category).put("town", c.town)
                .put("contactStored", false);
    }

    private void listRepeatCases(RoutingContext ctx) {
        String query;
        try {
            query = repeatCases.query(ctx.request()::getParam);
        } catch (BadRequest e) {
            json(ctx, 400, new JsonObject().put("error", e.getMessage()).put("field", e.field()));
            return;
        }
        answerFromWorker(ctx, "repeat case", () -> repeatCases.find(query));
    }

    private void riverSection(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (registry.station(id).isEmpty()) {
            json(ctx, 404, new JsonObject().put("error", "no river station " + id));
            return;
        }
        answerFromWorker(ctx, "river", () -> river.section(id).orElseThrow());
    }

    /**
     * Runs a blocking InfluxDB read on Vert.x's worker pool and answers with its result, or with
     * 503 naming the store when InfluxDB does not answer.
     */
    private <T> void answerFromWorker(RoutingContext ctx, String store, Callable<T> read) {
        vertx.executeBlocking(read).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 200, result.result());
            } else {
                LOG.warn("{} query failed: {}", store, result.cause().getMessage());
                json(ctx, 503, new JsonObject().put("error", store + " store unavailable"));
            }
        });
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
