package io.envwatch.alerting.notifications;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Notifications as the duty room sends them, for the channels' tests. */
final class Notifications {
    static final String CONSOLE = "https://duty.example.cn";

    private Notifications() {}

    /** An opened alert at a Fenggang factory, to be acknowledged by 23:45 district time. */
    static Notification opened(String site) {
        JsonObject alert = new JsonObject()
                .put("id", site + ":noise-laeq-1m:1765035600000")
                .put("state", "open")
                .put("severity", "HIGH")
                .put("kind", "noise-laeq-1m")
                .put("site", site)
                .put("town", "fenggang")
                .put("team", "team-fenggang")
                .put(
                        "display",
                        new JsonObject()
                                .put("kind", "Noise: LAeq over 1-minute intervals above the limit")
                                .put("summary", "LAeq 71.2 dB(A) against a night limit of 55 dB(A)"))
                .put("deadline", new JsonObject().put("name", "acknowledge").put("at", "2026-12-06T15:45:00Z"));
        return new Notification(
                "alert.opened", alert.getString("id") + "/1", alert.getString("id"), alert, Set.of(Audience.DUTY_ROOM));
    }
}
