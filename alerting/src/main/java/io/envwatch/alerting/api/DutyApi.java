package io.envwatch.alerting.api;

import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertQueries;
import io.envwatch.alerting.river.SectionQueries;
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

    private final Vertx vertx;
    private final Registry registry;
    private final AlertQueries alerts;
    private final SectionQueries river;
    private final Clock clock;

    public DutyApi(Vertx vertx, Registry registry, AlertQueries alerts, SectionQueries river, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.alerts = alerts;
        this.river = river;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/api/v1/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/api/v1/alerts").handler(this::listAlerts);
        router.get("/api/v1/river/sections/:id").handler(this::riverSection);
        router.route().last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "no such resource")));
        return router;
    }

    private void listAlerts(RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(ctx.request()::getParam, registry, clock.instant());
        } catch (AlertFilter.InvalidFilter e) {
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
