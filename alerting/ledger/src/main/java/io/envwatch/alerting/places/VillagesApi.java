package io.envwatch.alerting.places;

import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** {@code /api/v1/villages?month=2026-11}: the month's figures per village of the towns a person covers, ranked. */
public final class VillagesApi {
    private final Vertx vertx;
    private final VillageFigures figures;
    private final Clock clock;
    private final ZoneId zone;

    public VillagesApi(Vertx vertx, VillageFigures figures, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.figures = figures;
        this.clock = clock;
        this.zone = zone;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::month);
        return router;
    }

    private void month(RoutingContext ctx) {
        String given = ctx.request().getParam("month");
        YearMonth month;
        try {
            month = given == null ? YearMonth.now(clock.withZone(zone)) : YearMonth.parse(given);
        } catch (DateTimeParseException e) {
            throw new InvalidField("month", "error.month-format");
        }
        Staff staff = Authentication.staff(ctx);
        Answers.fromWorker(vertx, ctx, "village figures", () -> {
            JsonArray list = new JsonArray();
            int rank = 0;
            for (VillageFigures.Figures f : figures.month(
                    month, town -> staff.towns().isEmpty() || staff.towns().contains(town))) {
                list.add(new JsonObject()
                        .put("rank", ++rank)
                        .put("village", f.village().id())
                        .put("name", f.village().name())
                        .put("town", f.village().town())
                        .put("complaints", f.complaints())
                        .put("corroborated", f.corroborated())
                        .put("escalated", f.escalated())
                        .put("incidents", f.incidents())
                        .put("casesOpened", f.casesOpened())
                        .put("casesClosed", f.casesClosed()));
            }
            return list;
        });
    }
}
