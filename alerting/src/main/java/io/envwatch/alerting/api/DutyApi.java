package io.envwatch.alerting.api;

import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertQueries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.ingest.complaints.Complaint;
import io.envwatch.ingest.complaints.ComplaintIntake;
import io.vertx.ext.web.handler.BodyHandler;
import io.envwatch.ingest.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the duty service's HTTP routes are built. Handlers stay short and never block:
 * InfluxDB reads run on Vert.x's worker pool.
 */
public final class DutyApi {
    private static final Logger LOG = LoggerFactory.getLogger(DutyApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_COMPLAINT_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final Registry registry;
    private final AlertQueries alerts;
    private final SectionQueries river;
    private final ComplaintIntake intake;
    private final ComplaintDesk desk;
    private final RepeatCaseQueries repeatCases;
    private final ComplaintPublisher publisher;
    private final Clock clock;

    /** @param publisher null when no broker is configured: complaints are then refused with 503 */
    public DutyApi(Vertx vertx, Registry registry, AlertQueries alerts, SectionQueries river, ComplaintDesk desk,
            RepeatCaseQueries repeatCases, ComplaintPublisher publisher, Clock clock) {
        this.repeatCases = repeatCases;
        this.vertx = vertx;
        this.registry = registry;
        this.alerts = alerts;
        this.river = river;
        this.intake = new ComplaintIntake(registry);
        this.desk = desk;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/api/v1/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/api/v1/alerts").handler(this::listAlerts);
        router.get("/api/v1/river/sections/:id").handler(this::riverSection);
        router.get("/api/v1/repeat-cases").handler(this::listRepeatCases);
        router.post("/api/v1/complaints")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_COMPLAINT_BYTES))
                .handler(this::submitComplaint)
                .failureHandler(ctx -> json(ctx, ctx.statusCode() == 413 ? 413 : 400, new JsonObject()
                        .put("error", ctx.statusCode() == 413 ? "the complaint is larger than " + MAX_COMPLAINT_BYTES + " bytes"
                                : "the complaint could not be read")));
        router.route().last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "no such resource")));
        return router;
    }

    private void listAlerts(RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(ctx.request()::getParam, registry, clock.instant());
        } catch (BadRequest e) {
            json(ctx, 400, new JsonObject().put("error", e.getMessage()).put("field", e.field()));
            return;
        }
        vertx.executeBlocking(() -> alerts.find(filter)).onComplete(result -> {
            if (result.succeeded()) {
                JsonArray body = new JsonArray();
                result.result().forEach(alert -> body.add(JsonObject.mapFrom(alert)));
                json(ctx, 200, body);
            } else {
                LOG.warn("alert query failed: {}", result.cause().getMessage());
                json(ctx, 503, new JsonObject().put("error", "alert store unavailable"));
            }
        });
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
        } catch (java.io.IOException e) {
            json(ctx, 400, new JsonObject().put("error", "the body is not valid JSON").put("field", "body"));
            return;
        }
        if (publisher == null) {
            json(ctx, 503, new JsonObject().put("error", "complaint intake is not connected to a broker"));
            return;
        }
        vertx.executeBlocking(() -> desk.alreadyAccepted(complaint)).onComplete(seen -> {
            if (seen.failed()) {
                LOG.warn("complaint lookup failed: {}", seen.cause().getMessage());
                json(ctx, 503, new JsonObject().put("error", "complaint store unavailable"));
            } else if (seen.result()) {
                json(ctx, 200, receipt(complaint).put("duplicate", true));
            } else {
                publisher.publish(complaint).whenComplete((ok, error) -> vertx.runOnContext(v -> {
                    if (error != null) {
                        LOG.warn("complaint {} not handed to the broker: {}", complaint.id, error.getMessage());
                        json(ctx, 503, new JsonObject().put("error", "complaint not accepted, please retry"));
                    } else {
                        desk.accepted(complaint);
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
        vertx.executeBlocking(() -> repeatCases.find(query)).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 200, result.result());
            } else {
                LOG.warn("repeat case query failed: {}", result.cause().getMessage());
                json(ctx, 503, new JsonObject().put("error", "repeat case store unavailable"));
            }
        });
    }

    private void riverSection(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (registry.station(id).isEmpty()) {
            json(ctx, 404, new JsonObject().put("error", "no river station " + id));
            return;
        }
        vertx.executeBlocking(() -> river.section(id)).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 200, result.result().orElseThrow());
            } else {
                LOG.warn("river query failed: {}", result.cause().getMessage());
                json(ctx, 503, new JsonObject().put("error", "river store unavailable"));
            }
        });
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
