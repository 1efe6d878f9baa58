package io.envwatch.alerting.reception;

import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.schema.ReceptionDayPoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * {@code /api/v1/reception}: the month's reception days of the towns a person covers, each with
 * what became of it (a missed one flagged) and the complaints filed there; recording a day held.
 */
public final class ReceptionApi {
    static final int MAX_BODY_BYTES = 4 * 1024;
    private static final int MAX_NOTE_CHARS = 2000;

    private final Vertx vertx;
    private final ReceptionDays days;

    public ReceptionApi(Vertx vertx, ReceptionDays days) {
        this.vertx = vertx;
        this.days = days;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::month);
        router.post("/:town/:date/held")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::held)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        return router;
    }

    private void month(RoutingContext ctx) {
        String given = ctx.request().getParam("month");
        YearMonth month;
        try {
            month = given == null ? YearMonth.from(days.today()) : YearMonth.parse(given);
        } catch (DateTimeParseException e) {
            throw new InvalidField("month", "error.month-format");
        }
        Staff staff = Authentication.staff(ctx);
        Predicate<String> sees =
                town -> staff.towns().isEmpty() || staff.towns().contains(town);
        Answers.fromWorker(vertx, ctx, "reception days", () -> {
            JsonArray list = new JsonArray();
            for (ReceptionDays.Day d : days.month(month, sees)) {
                JsonObject o = new JsonObject()
                        .put("town", d.town())
                        .put("leader", d.leader())
                        .put("date", d.date().toString())
                        .put("status", d.status().wireName())
                        .put("flagged", d.status() == ReceptionDays.Status.MISSED);
                if (d.held() != null) {
                    o.put("heldBy", d.held().heldBy())
                            .put("visitors", d.held().visitors())
                            .put("note", d.held().note());
                }
                if (d.status() != ReceptionDays.Status.UPCOMING) {
                    o.put("complaints", days.complaintsReceived(d.town(), d.date()));
                }
                list.add(o);
            }
            return list;
        });
    }

    private void held(RoutingContext ctx) {
        LocalDate date;
        try {
            date = LocalDate.parse(ctx.pathParam("date"));
        } catch (DateTimeParseException e) {
            throw new InvalidField("date", "error.local-date");
        }
        JsonNode body = Answers.jsonObject(ctx, "visitors", "note");
        long visitors = Answers.whole(body, "visitors", 0, 0, 100_000);
        String note = Answers.text(body, "note");
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw new InvalidField("note", "error.too-long", "max", MAX_NOTE_CHARS);
        }
        Staff staff = Authentication.staff(ctx);
        String town = ctx.pathParam("town");
        vertx.executeBlocking(() -> days.hold(town, date, staff, visitors, note))
                .onComplete(r -> {
                    if (r.failed()) {
                        ctx.fail(EventLog.cause(r.cause()));
                        return;
                    }
                    ReceptionDayPoint p = r.result();
                    json(
                            ctx,
                            201,
                            new JsonObject()
                                    .put("town", p.town())
                                    .put("leader", p.leader())
                                    .put("date", p.date())
                                    .put("status", ReceptionDays.Status.HELD.wireName())
                                    .put("heldBy", p.heldBy())
                                    .put("visitors", p.visitors())
                                    .put("note", p.note()));
                });
    }
}
