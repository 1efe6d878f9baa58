package io.envwatch.alerting.notifications;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a channel sends: the event ({@code alert.opened}, {@code alert.escalated},
 * {@code case.escalated}, ...), what it is about as it stands after it (an alert, or a ledger
 * case), and who it is for. Alerts carry complaint ids only, never a complainant.
 *
 * @param deliveryId the same for every attempt and channel of one event, so receivers can drop repeats
 * @param subjectId the alert's or the case's id
 */
public record Notification(
        String event, String deliveryId, String subjectId, JsonObject subject, Set<Audience> audiences) {

    /** The body sent: the event, its delivery id, and the subject under its kind ({@code alert} or {@code case}). */
    public JsonObject body() {
        return new JsonObject()
                .put("event", event)
                .put("deliveryId", deliveryId)
                .put(event.substring(0, event.indexOf('.')), subject);
    }
}
