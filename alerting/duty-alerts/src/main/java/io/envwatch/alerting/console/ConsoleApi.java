package io.envwatch.alerting.console;

import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** What the console asks for besides alerts: who is signed in, the live feed, the district map. */
public final class ConsoleApi {
    private final Vertx vertx;
    private final Registry registry;
    private final AlertBook book;
    private final LiveFeed feed;
    private final Clock clock;

    public ConsoleApi(Vertx vertx, Registry registry, AlertBook book, LiveFeed feed, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.book = book;
        this.feed = feed;
        this.clock = clock;
    }

    /** Mounted at {@code /api/v1}: routes it does not have fall through to the other capabilities. */
    public Router router() {
        Router router = Router.router(vertx);
        router.get("/whoami").handler(this::whoami);
        router.get("/feed").handler(ctx -> {
            Staff staff = Authentication.staff(ctx);
            feed.subscribe(ctx.response(), vertx.getOrCreateContext(), staff::seesAlertsOf, Answers.words(ctx));
        });
        router.get("/map").handler(ctx -> Answers.json(ctx, 200, DistrictMap.of(registry, book)));
        return router;
    }

    private void whoami(RoutingContext ctx) {
        Staff s = Authentication.staff(ctx);
        ZoneId zone = registry.localTime().zoneId();
        // The console shows every time in the district's local time, whatever the browser's zone,
        // and counts from the service's clock ("now", "today"): a browser's clock may be wrong.
        Instant now = clock.instant();
        Answers.json(
                ctx,
                200,
                new JsonObject()
                        .put("name", s.name())
                        .put("role", s.role().wireName())
                        .put("team", s.team())
                        .put("towns", new JsonArray(s.towns().stream().sorted().toList()))
                        .put("zone", zone.getId())
                        .put("language", registry.language().tag())
                        .put("now", now.toString())
                        .put("today", LocalDate.ofInstant(now, zone).toString())
                        .put("utcOffset", zone.getRules().getOffset(now).getId()));
    }
}
