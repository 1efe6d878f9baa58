package io.envwatch.alerting.notifications;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.language.Voice;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/channels}: the notification channels, and a test message through one of them,
 * which the duty leader sends to see a new robot, gateway or mailbox work before an alert needs it.
 * The test's outcome is answered and kept in the delivery log like any other.
 */
public final class ChannelsApi {
    private final Vertx vertx;
    private final List<NotificationChannel> channels;
    private final DeliveryLog deliveries;
    private final Voice voice;
    private final Clock clock;

    public ChannelsApi(
            Vertx vertx, List<NotificationChannel> channels, DeliveryLog deliveries, Voice voice, Clock clock) {
        this.vertx = vertx;
        this.channels = channels;
        this.deliveries = deliveries;
        this.voice = voice;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        router.post("/:id/test").handler(this::test);
        return router;
    }

    private void list(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        channels.forEach(c -> list.add(
                new JsonObject().put("id", c.id()).put("audience", c.audience().toString())));
        Answers.json(ctx, 200, list);
    }

    private void test(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        if (staff.role() != Role.DUTY_LEADER) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.channel.test");
        }
        String id = ctx.pathParam("id");
        NotificationChannel channel = channels.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "refused.channel.none", "id", id));
        long now = clock.millis();
        Notification n = new Notification(
                "channel.test",
                "test/" + id + "/" + now,
                id,
                new JsonObject()
                        .put("id", id)
                        .put(
                                "text",
                                voice.words()
                                        .text(
                                                "notify.test",
                                                "channel",
                                                id,
                                                "who",
                                                staff.name(),
                                                "at",
                                                voice.wallClock(now),
                                                "zone",
                                                voice.zone().getId())),
                Set.of(channel.audience()));
        channel.deliver(n).onSuccess(d -> {
            deliveries.record(d);
            Answers.json(ctx, 200, JsonObject.mapFrom(d));
        });
    }
}
