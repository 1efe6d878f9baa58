package io.envwatch.alerting.notifications;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a channel sends: the event ({@code alert.opened}, {@code alert.escalated}, ...), the alert
 * as it stands after it, and who it is for. Alerts carry complaint ids only, never a complainant.
 *
 * @param deliveryId the same for every attempt and channel of one event, so receivers can drop repeats
 */
public record Notification(String event, String deliveryId, String alertId, JsonObject alert, Set<Audience> audiences) {

    public JsonObject body() {
        return new JsonObject().put("event", event).put("deliveryId", deliveryId).put("alert", alert);
    }
}
