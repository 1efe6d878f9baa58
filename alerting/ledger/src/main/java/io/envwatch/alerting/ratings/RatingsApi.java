package io.envwatch.alerting.ratings;

import static io.envwatch.alerting.web.Answers.error;

import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Words;
import io.envwatch.district.schema.RatingPoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code /api/v1/ratings}: the enterprises' environmental credit ratings of a month with their
 * reasons, one enterprise's history, and (the duty leader) a recomputation of a month.
 */
public final class RatingsApi {
    private final Vertx vertx;
    private final Ratings ratings;
    private final Clock clock;
    private final ZoneId zone;

    public RatingsApi(Vertx vertx, Ratings ratings, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.ratings = ratings;
        this.clock = clock;
        this.zone = zone;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::month);
        router.get("/history").handler(this::history);
        router.post("/compute").handler(this::compute);
        return router;
    }

    private void month(RoutingContext ctx) {
        YearMonth month = month(ctx.request().getParam("month"));
        Words words = Answers.words(ctx);
        Answers.fromWorker(
                vertx,
                ctx,
                "rating",
                () -> new JsonObject().put("month", month.toString()).put("ratings", json(ratings.of(month), words)));
    }

    private void history(RoutingContext ctx) {
        String enterprise = ctx.request().getParam("enterprise");
        if (enterprise == null || !ratings.enterprises().containsKey(enterprise)) {
            Answers.invalid(
                    ctx,
                    new InvalidField(
                            "enterprise",
                            "error.one-of",
                            "allowed",
                            String.join(
                                    ", ",
                                    new java.util.TreeSet<>(
                                            ratings.enterprises().keySet()))));
            return;
        }
        Words words = Answers.words(ctx);
        Answers.fromWorker(
                vertx,
                ctx,
                "rating",
                () -> new JsonObject()
                        .put("enterprise", enterprise)
                        .put("ratings", json(ratings.history(enterprise), words)));
    }

    private void compute(RoutingContext ctx) {
        if (Authentication.staff(ctx).role() != Role.DUTY_LEADER) {
            error(ctx, 403, "refused.ratings.leader");
            return;
        }
        YearMonth month = month(ctx.request().getParam("month"));
        Words words = Answers.words(ctx);
        Answers.fromWorker(
                vertx,
                ctx,
                "rating",
                () -> new JsonObject()
                        .put("month", month.toString())
                        .put("ratings", json(ratings.compute(month), words)));
    }

    /** The month asked for, or last month (local time). */
    private YearMonth month(String given) {
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        return Answers.month(given, current.minusMonths(1), current);
    }

    /** The ratings, their reasons in the reader's language. */
    private static JsonArray json(List<RatingPoint> points, Words words) {
        JsonArray out = new JsonArray();
        for (RatingPoint r : points) {
            out.add(new JsonObject()
                    .put("enterprise", r.enterprise())
                    .put("month", r.month())
                    .put("class", r.ratingClass())
                    .put("score", r.score())
                    .put(
                            "reasons",
                            new JsonArray(Ratings.reasons(r).stream()
                                    .map(p -> p.in(words))
                                    .toList()))
                    .put("incidents", r.incidents())
                    .put("severeIncidents", r.severeIncidents())
                    .put("openCases", r.openCases())
                    .put("openRepeatCases", r.openRepeatCases()));
        }
        return out;
    }
}
