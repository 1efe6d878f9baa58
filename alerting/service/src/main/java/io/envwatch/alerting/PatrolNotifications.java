package io.envwatch.alerting;

import io.envwatch.alerting.notifications.Audience;
import io.envwatch.alerting.notifications.Notification;
import io.envwatch.alerting.notifications.Notifier;
import io.envwatch.alerting.patrols.PatrolSettings;
import io.envwatch.alerting.patrols.Patrols;
import io.envwatch.alerting.patrols.Round;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Tells the town's duty room (the city's when the town has none) of a patrol round that ran out of
 * time with points unvisited: through the same channels, delivery log and delivery ids as the
 * alerts' notifications, one delivery per round.
 */
public final class PatrolNotifications {
    private final Notifier notifier;
    private final Patrols patrols;
    private final Map<String, String> roomOfTown;

    public PatrolNotifications(Notifier notifier, Patrols patrols, Map<String, String> roomOfTown) {
        this.notifier = notifier;
        this.patrols = patrols;
        this.roomOfTown = roomOfTown;
    }

    public void missed(Round round) {
        notifier.send(notification(round), Set.of());
    }

    /** After a restart: the rounds flagged since {@code sinceMillis} that no channel recorded an outcome of. */
    public int resendUnrecorded(long sinceMillis, Set<String> recorded) {
        int resent = 0;
        for (Round round : patrols.flaggedSince(sinceMillis)) {
            resent += notifier.send(notification(round), notifier.recordedChannels(deliveryId(round), recorded));
        }
        return resent;
    }

    private Notification notification(Round round) {
        PatrolSettings.Grid grid = round.grid();
        String room = roomOfTown.get(grid.town());
        JsonArray names = new JsonArray();
        round.unvisited()
                .forEach(id ->
                        names.add(grid.point(id).map(PatrolSettings.Point::name).orElse(id)));
        JsonObject subject = new JsonObject()
                .put("grid", grid.id())
                .put("gridName", grid.name())
                .put("town", grid.town())
                .put("village", grid.village())
                .put("officer", grid.officer())
                .put("date", round.date().toString())
                .put("start", round.start().toString())
                .put("startAt", round.startAt().toString())
                .put("dueAt", round.dueAt().toString())
                .put("points", grid.points().size())
                .put("unvisited", new JsonArray(round.unvisited()))
                .put("unvisitedNames", names);
        return new Notification(
                "patrol.missed",
                deliveryId(round),
                grid.id(),
                subject,
                Set.of(room == null ? Audience.DUTY_ROOM : Audience.room(room)));
    }

    private static String deliveryId(Round round) {
        return "patrol/" + round.key();
    }
}
