package io.envwatch.alerting.alerts;

import io.envwatch.district.language.Words;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The alert as the API, the live feed and the webhooks show it. Call under the book's lock (or on
 * the ledger's thread) so the alert does not change while it is read.
 */
public final class AlertJson {
    private AlertJson() {}

    /** @param words the reader's language, for the alert's wording ({@code display}) */
    public static JsonObject summary(Alert a, AlertBook book, Words words) {
        IncidentSnapshot i = a.incident();
        JsonObject json = new JsonObject()
                .put("id", a.id())
                .put("state", a.state().wireName())
                .put("severity", a.severity())
                .put("kind", i.kind())
                .put("site", i.site())
                .put("town", i.town())
                .put("team", i.team())
                .put("quantity", i.quantity())
                .put("value", finite(i.value()))
                .put("peak", finite(i.peak()))
                .put("limit", finite(i.limit()))
                .put("period", i.period())
                .put("display", AlertWording.of(i, words))
                .put("incidentActive", i.open())
                .put("incidentStart", iso(i.openedAt()))
                .put("openedAt", iso(a.openedAt()))
                .put("buildings", new JsonArray(i.buildings()))
                .put("complaints", new JsonArray(i.complaints()))
                .put("repeatCase", i.repeatCase())
                .put("incidents", new JsonArray(a.incidents().stream().toList()))
                .put("reopenCount", a.reopenCount())
                .put("escalations", a.escalations())
                .put("breaches", new JsonArray(a.breaches()));
        book.deadlineOf(a)
                .ifPresent(d -> json.put(
                        "deadline", new JsonObject().put("name", d.name()).put("at", iso(d.at()))));
        optional(json, "acknowledgedAt", a.acknowledgedAt());
        json.put("acknowledgedBy", a.acknowledgedBy());
        optional(json, "dispatchedAt", a.dispatchedAt());
        json.put("dispatchNote", a.dispatchNote());
        optional(json, "onSceneAt", a.onSceneAt());
        optional(json, "closedAt", a.closedAt());
        json.put("closedBy", a.closedBy());
        if (a.resolutionCode() != null) {
            json.put(
                    "resolution",
                    new JsonObject().put("code", a.resolutionCode()).put("note", a.resolutionNote()));
        }
        if (a.acknowledgedAt() > 0 && a.onSceneAt() > 0) {
            json.put("minutesToScene", (a.onSceneAt() - a.acknowledgedAt()) / 60_000.0);
        }
        return json;
    }

    /** The summary plus every event, oldest first. */
    public static JsonObject detail(Alert a, AlertBook book, Words words) {
        JsonArray history = new JsonArray();
        for (AlertEvent e : a.history()) {
            JsonObject h = new JsonObject()
                    .put("at", Instant.ofEpochSecond(0, e.timeNanos()).toString())
                    .put("action", e.action().wireName())
                    .put("actor", e.actor())
                    .put("state", e.state().wireName())
                    .put("severity", e.severity());
            if (e.incident() != null) {
                h.put("incident", e.incident().id())
                        .put("peak", finite(e.incident().peak()));
            }
            h.put("code", e.code()).put("note", e.note()).put("breach", e.breach());
            history.add(h);
        }
        return summary(a, book, words).put("history", history);
    }

    private static void optional(JsonObject json, String key, long epochMs) {
        if (epochMs > 0) {
            json.put(key, iso(epochMs));
        }
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
