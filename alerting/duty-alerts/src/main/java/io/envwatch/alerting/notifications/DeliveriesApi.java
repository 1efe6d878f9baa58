package io.envwatch.alerting.notifications;

import io.envwatch.alerting.web.Answers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/deliveries}: the latest notification outcomes, failures only when asked. */
public final class DeliveriesApi {
    private final Vertx vertx;
    private final DeliveryLog deliveries;

    public DeliveriesApi(Vertx vertx, DeliveryLog deliveries) {
        this.vertx = vertx;
        this.deliveries = deliveries;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        return router;
    }

    private void list(RoutingContext ctx) {
        boolean failed = "true".equals(ctx.request().getParam("failed"));
        JsonArray list = new JsonArray();
        for (Delivery d : deliveries.latest(failed, ctx.request().getParam("alert"))) {
            list.add(JsonObject.mapFrom(d));
        }
        Answers.json(ctx, 200, list);
    }
}
