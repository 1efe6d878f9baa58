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
    private final Assessment assessment;
    private final Clock clock;
    private final ZoneId zone;

    public VillagesApi(Vertx vertx, VillageFigures figures, Assessment assessment, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.figures = figures;
        this.assessment = assessment;
        this.clock = clock;
        this.zone = zone;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::month);
        router.get("/assessment").handler(ctx -> assessment(ctx, false));
        router.get("/assessment.csv").handler(ctx -> assessment(ctx, true));
        return router;
    }

    /** The year's assessment per village, as JSON or as a CSV file to download. */
    private void assessment(RoutingContext ctx, boolean csv) {
        String given = ctx.request().getParam("year");
        int year;
        try {
            year = given == null ? java.time.Year.now(clock.withZone(zone)).getValue() : Integer.parseInt(given);
        } catch (NumberFormatException e) {
            year = -1;
        }
        if (year < 2000 || year > 2100) {
            throw new InvalidField("year", "error.whole-number", "min", 2000, "max", 2100);
        }
        Staff staff = Authentication.staff(ctx);
        int asked = year;
        vertx.executeBlocking(() -> assessment.year(
                        asked, town -> staff.towns().isEmpty() || staff.towns().contains(town)))
                .onComplete(r -> {
                    if (r.failed()) {
                        Answers.error(ctx, 503, "error.store-unavailable", "store", "village assessment");
                        return;
                    }
                    if (csv) {
                        ctx.response()
                                .putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader(
                                        "Content-Disposition",
                                        "attachment; filename=\"village-assessment-" + asked + ".csv\"")
                                .end(Assessment.csv(asked, r.result()));
                        return;
                    }
                    JsonArray list = new JsonArray();
                    for (Assessment.Row row : r.result()) {
                        VillageFigures.Figures f = row.year();
                        list.add(new JsonObject()
                                .put("village", f.village().id())
                                .put("name", f.village().name())
                                .put("town", f.village().town())
                                .put("complaints", f.complaints())
                                .put("corroborated", f.corroborated())
                                .put("escalated", f.escalated())
                                .put("escalatedLastYear", row.escalatedLastYear())
                                .put("incidents", f.incidents())
                                .put("casesOpened", f.casesOpened())
                                .put("casesClosed", f.casesClosed())
                                .put("underSupervision", row.supervised())
                                .put("interviews", row.interviews())
                                .put("veto", row.veto()));
                    }
                    Answers.json(ctx, 200, list);
                });
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
                        .put("casesClosed", f.casesClosed())
                        .put("alertsJudged", f.response().judged())
                        .put("onSceneInTimePercent", f.response().inTimePercent())
                        .put(
                                "minutesToScene",
                                f.response().reached() == 0
                                        ? null
                                        : Math.round(f.response().minutesToScene() * 10) / 10.0));
            }
            return list;
        });
    }
}
