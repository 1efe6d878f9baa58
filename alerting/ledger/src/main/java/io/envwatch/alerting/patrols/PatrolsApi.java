package io.envwatch.alerting.patrols;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.schema.PatrolCheckInPoint;
import io.envwatch.district.schema.PatrolFindingPoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code /api/v1/patrols}: the patrol page's and the duty room's. Field staff (grid and information
 * officers) read their grids' day ({@code /today}), check in at points and file findings; everyone
 * else reads the rounds, the findings and early reports, and the photos, of the towns they cover.
 */
public final class PatrolsApi {
    static final int MAX_CHECK_IN_BYTES = 2 * 1024;
    /** A photo in base64 is a third larger than the photo, plus the finding's few fields. */
    static final int MAX_FINDING_BYTES = PatrolPhotos.MAX_BYTES / 3 * 4 + 16 * 1024;

    static final int MAX_FINDING_CHARS = 2000;
    static final int MAX_LISTED = 500;

    private final Vertx vertx;
    private final Patrols patrols;

    public PatrolsApi(Vertx vertx, Patrols patrols) {
        this.vertx = vertx;
        this.patrols = patrols;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/today").handler(this::today);
        router.post("/check-ins")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_CHECK_IN_BYTES))
                .handler(this::checkIn)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_CHECK_IN_BYTES));
        router.post("/findings")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_FINDING_BYTES))
                .handler(this::file)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_FINDING_BYTES));
        router.route().handler(PatrolsApi::dutyOnly);
        router.get("/rounds").handler(this::rounds);
        router.get("/findings").handler(this::findings);
        router.get("/photos/:hash").handler(this::photo);
        return router;
    }

    /** Field staff file; what others filed and how rounds went is the duty room's to read. */
    private static void dutyOnly(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        if (staff.role().inTheField()) {
            Answers.error(ctx, 403, "error.field-staff");
            return;
        }
        ctx.next();
    }

    /**
     * The day's grids as the caller sees them. On a worker: the patrols' lock may be held by a
     * check-in waiting for InfluxDB, and the event loop never waits for it.
     */
    private void today(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        Answers.fromWorker(vertx, ctx, "patrols", () -> {
            LocalDate today = patrols.today();
            long now = patrols.now();
            JsonArray grids = new JsonArray();
            for (PatrolSettings.Grid g : patrols.gridsSeenBy(staff)) {
                JsonObject grid = grid(g).put("officer", g.officer())
                        .put("walks", g.officer().equals(staff.name()))
                        .put("reports", g.hasInTheField(staff.name()));
                JsonArray rounds = new JsonArray();
                for (Round r : patrols.rounds(g, today)) {
                    rounds.add(round(r, now));
                }
                grids.add(grid.put("rounds", rounds));
            }
            return new JsonObject()
                    .put("date", today.toString())
                    .put("categories", new JsonArray(List.copyOf(new java.util.TreeSet<>(Patrols.CATEGORIES))))
                    .put("grids", grids);
        });
    }

    private JsonObject grid(PatrolSettings.Grid g) {
        JsonArray points = new JsonArray();
        g.points()
                .forEach(p -> points.add(new JsonObject()
                        .put("id", p.id())
                        .put("name", p.name())
                        .put("lat", p.lat())
                        .put("lon", p.lon())
                        .put("radius", p.radiusMetres())));
        return new JsonObject()
                .put("id", g.id())
                .put("name", g.name())
                .put("town", g.town())
                .put("village", g.village())
                .put("villageName", patrols.villageName(g.village()))
                .put("points", points);
    }

    private JsonObject round(Round r, long now) {
        JsonArray visits = new JsonArray();
        r.visits().forEach((point, at) -> {
            JsonObject v = new JsonObject()
                    .put("point", point)
                    .put("at", Instant.ofEpochMilli(at).toString());
            patrols.checkIn(r, point)
                    .ifPresent(c -> v.put("distance", Math.round(c.distanceMetres()))
                            .put(
                                    "clientTime",
                                    Instant.ofEpochMilli(c.clientTime()).toString())
                            .put("officer", c.officer()));
            visits.add(v);
        });
        Round.Status status = r.status(now);
        return new JsonObject()
                .put("start", r.start().toString())
                .put("startAt", r.startAt().toString())
                .put("dueAt", r.dueAt().toString())
                .put("status", status.wireName())
                .put("flagged", patrols.flagged(r))
                .put("visits", visits)
                .put("unvisited", new JsonArray(r.unvisited()));
    }

    private void checkIn(RoutingContext ctx) {
        JsonNode body = Answers.jsonObject(ctx, "grid", "point", "lat", "lon", "accuracy", "clientTime");
        String grid = Answers.required(body, "grid");
        String point = Answers.required(body, "point");
        double lat = number(body, "lat", -90, 90, "error.latitude");
        double lon = number(body, "lon", -180, 180, "error.longitude");
        double accuracy = number(body, "accuracy", 0, 100_000, null);
        long clientTime = clientTime(body);
        Staff staff = Authentication.staff(ctx);
        onWorker(ctx, 201, () -> {
            PatrolCheckInPoint p = patrols.checkIn(staff, grid, point, lat, lon, accuracy, clientTime);
            return new JsonObject()
                    .put("grid", p.grid())
                    .put("point", p.point())
                    .put("at", Instant.ofEpochMilli(p.epochMillis()).toString())
                    .put("distance", Math.round(p.distanceMetres()));
        });
    }

    /** Read, decoded and filed on a worker: a finding's body may carry megabytes of photo. */
    private void file(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        byte[] bytes = Answers.body(ctx);
        onWorker(ctx, 201, () -> {
            JsonNode body = Answers.jsonObject(
                    bytes, "grid", "category", "text", "lat", "lon", "accuracy", "clientTime", "photo");
            String grid = Answers.required(body, "grid");
            String category = Answers.required(body, "category");
            String text = Answers.required(body, "text");
            if (text.length() > MAX_FINDING_CHARS) {
                throw new InvalidField("text", "error.too-long", "max", MAX_FINDING_CHARS);
            }
            double lat = number(body, "lat", -90, 90, "error.latitude");
            double lon = number(body, "lon", -180, 180, "error.longitude");
            double accuracy = number(body, "accuracy", 0, 100_000, null);
            long clientTime = clientTime(body);
            PatrolFindingPoint p = patrols.file(
                    staff, new Patrols.Filing(grid, category, text, lat, lon, accuracy, clientTime, photo(body)));
            return finding(p);
        });
    }

    private static byte[] photo(JsonNode body) {
        JsonNode node = body.get("photo");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField("photo", "error.patrol.photo-base64");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidField("photo", "error.patrol.photo-base64");
        }
    }

    private JsonObject finding(PatrolFindingPoint p) {
        return new JsonObject()
                .put("id", p.id())
                .put("kind", p.kind())
                .put("town", p.town())
                .put("village", p.village())
                .put("villageName", patrols.villageName(p.village()))
                .put("grid", p.grid())
                .put("category", p.category())
                .put("by", p.by())
                .put("text", p.text())
                .put("lat", p.lat())
                .put("lon", p.lon())
                .put("at", Instant.ofEpochMilli(p.epochMillis()).toString())
                .put("clientTime", Instant.ofEpochMilli(p.clientTime()).toString())
                .put("photo", p.photo());
    }

    private void rounds(RoutingContext ctx) {
        LocalDate date = date(ctx);
        Staff staff = Authentication.staff(ctx);
        Answers.fromWorker(vertx, ctx, "patrols", () -> {
            long now = patrols.now();
            JsonArray list = new JsonArray();
            for (PatrolSettings.Grid g : patrols.gridsSeenBy(staff)) {
                for (Round r : patrols.rounds(g, date)) {
                    list.add(round(r, now)
                            .put("grid", g.id())
                            .put("gridName", g.name())
                            .put("town", g.town())
                            .put("village", g.village())
                            .put("villageName", patrols.villageName(g.village()))
                            .put("officer", g.officer())
                            .put("points", g.points().size()));
                }
            }
            return list;
        });
    }

    private void findings(RoutingContext ctx) {
        LocalDate date = date(ctx);
        Staff staff = Authentication.staff(ctx);
        List<PatrolSettings.Grid> grids = patrols.gridsSeenBy(staff);
        Answers.fromWorker(vertx, ctx, "patrol findings", () -> {
            JsonArray list = new JsonArray();
            var zone = patrols.zone();
            patrols.findings(
                            date.atStartOfDay(zone).toInstant(),
                            date.plusDays(1).atStartOfDay(zone).toInstant(),
                            grids,
                            MAX_LISTED)
                    .forEach(p -> list.add(finding(p)));
            return list;
        });
    }

    private void photo(RoutingContext ctx) {
        String hash = ctx.pathParam("hash");
        vertx.executeBlocking(() -> patrols.photos().read(hash)).onComplete(r -> {
            if (r.failed() && r.cause() instanceof PatrolPhotos.Altered) {
                Answers.error(ctx, 409, "error.patrol.photo-altered", "hash", hash);
            } else if (r.failed()) {
                Answers.error(ctx, 503, "error.store-unavailable", "store", "patrol photos");
            } else if (r.result().isEmpty()) {
                Answers.error(ctx, 404, "error.no-resource");
            } else {
                ctx.response()
                        .putHeader("Content-Type", r.result().get().mediaType())
                        .putHeader("Cache-Control", "private, no-store")
                        .end(Buffer.buffer(r.result().get().bytes()));
            }
        });
    }

    private LocalDate date(RoutingContext ctx) {
        String given = ctx.request().getParam("date");
        if (given == null) {
            return patrols.today();
        }
        try {
            LocalDate date = LocalDate.parse(given);
            if (Math.abs(date.getYear() - patrols.today().getYear()) > 10) {
                throw new InvalidField("date", "error.within-ten-years");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidField("date", "error.local-date");
        }
    }

    /** A number from {@code min} to {@code max}; NaN, text and numbers in quotes are refused. */
    private static double number(JsonNode body, String field, double min, double max, String key) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidField(field, "error.required");
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < min || node.asDouble() > max) {
            throw key == null
                    ? new InvalidField(field, "error.number-range", "min", min, "max", max)
                    : new InvalidField(field, key);
        }
        return node.asDouble();
    }

    /** The phone's clock, kept beside the service's: any plausible time since 2000. */
    private static long clientTime(JsonNode body) {
        if (body.get("clientTime") == null || body.get("clientTime").isNull()) {
            throw new InvalidField("clientTime", "error.required");
        }
        return Answers.whole(body, "clientTime", 0, 946_684_800_000L, 4_102_444_800_000L);
    }

    private <T> void onWorker(RoutingContext ctx, int status, Callable<T> step) {
        vertx.executeBlocking(step).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(EventLog.cause(r.cause()));
            } else {
                Answers.json(ctx, status, r.result());
            }
        });
    }
}
