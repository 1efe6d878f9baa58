package io.envwatch.alerting.river;

import io.envwatch.alerting.web.Answers;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/river}: a station's month, its upstream stations and the latest attribution. */
public final class RiverApi {
    private final Vertx vertx;
    private final Registry registry;
    private final SectionQueries sections;

    public RiverApi(Vertx vertx, Registry registry, SectionQueries sections) {
        this.vertx = vertx;
        this.registry = registry;
        this.sections = sections;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/sections/:id").handler(this::section);
        return router;
    }

    private void section(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (registry.station(id).isEmpty()) {
            Answers.error(ctx, 404, "refused.river.none", "id", id);
            return;
        }
        Answers.fromWorker(vertx, ctx, "river", () -> sections.section(id).orElseThrow());
    }
}
