package io.envwatch.alerting;

import io.envwatch.alerting.notifications.Audience;
import io.envwatch.alerting.notifications.Notification;
import io.envwatch.alerting.notifications.Notifier;
import io.envwatch.alerting.reception.ReceptionDays;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the town's duty room (the city's when the town has none) and the leader of a reception day
 * that passed with nobody recording it held: once per day, across restarts too (a channel that
 * recorded an outcome of it in the delivery log is not told again).
 */
public final class ReceptionNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(ReceptionNotifications.class);

    private final Notifier notifier;
    private final Map<String, String> roomOfTown;
    private final Set<String> recorded;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    /** @param recorded the delivery log's outcomes of the last days ({@code DeliveryLog.recordedSince}) */
    public ReceptionNotifications(Notifier notifier, Map<String, String> roomOfTown, Set<String> recorded) {
        this.notifier = notifier;
        this.roomOfTown = roomOfTown;
        this.recorded = recorded;
    }

    public void missed(ReceptionDays.Day day) {
        String deliveryId = "reception/" + day.town() + "/" + day.leader() + "/" + day.date();
        if (!told.add(deliveryId)) {
            return;
        }
        String room = roomOfTown.get(day.town());
        Notification n = new Notification(
                "reception.missed",
                deliveryId,
                day.town() + "/" + day.date(),
                new JsonObject()
                        .put("town", day.town())
                        .put("leader", day.leader())
                        .put("date", day.date().toString()),
                Set.of(room == null ? Audience.DUTY_ROOM : Audience.room(room), Audience.leader(day.leader())));
        int sent = notifier.send(n, notifier.recordedChannels(deliveryId, recorded));
        if (sent > 0) {
            LOG.warn(
                    "reception day of {} in {} on {} missed: told {} channel(s)",
                    day.leader(),
                    day.town(),
                    day.date(),
                    sent);
        }
    }
}
