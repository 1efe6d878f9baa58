package io.envwatch.alerting.console;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEvent;
import io.envwatch.alerting.alerts.AlertJson;
import io.envwatch.alerting.alerts.AlertLedger;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The console's live feed: server-sent events ({@code GET /api/v1/feed}), one {@code alert} event
 * per change with the alert as it now stands. Each response is written on its own connection's
 * context; a comment every 15 s keeps proxies from closing a quiet stream.
 */
public final class LiveFeed implements AlertLedger.AlertListener {
    private final AlertBook book;
    private final Map<HttpServerResponse, Subscriber> subscribers = new ConcurrentHashMap<>();

    /** A stream's context and which towns' alerts its person sees. */
    private record Subscriber(Context context, Predicate<String> seesTown) {}

    public LiveFeed(Vertx vertx, AlertBook book) {
        this.book = book;
        vertx.setPeriodic(15_000, id -> broadcast(": keep-alive\n\n"));
    }

    /**
     * Starts a stream on this response for a person who sees the alerts of the towns
     * {@code seesTown} accepts; it ends when the client goes away.
     */
    public void subscribe(HttpServerResponse response, Context context, Predicate<String> seesTown) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n: connected\n\n");
        subscribers.put(response, new Subscriber(context, seesTown));
        response.closeHandler(v -> subscribers.remove(response));
        response.exceptionHandler(e -> subscribers.remove(response));
    }

    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        JsonObject data = new JsonObject()
                .put("event", event.action().wireName())
                .put("actor", event.actor())
                .put("alert", AlertJson.summary(alert, book));
        broadcast(
                "event: alert\ndata: " + data.encode() + "\n\n",
                alert.incident().town());
    }

    private void broadcast(String frame) {
        broadcast(frame, null);
    }

    /** To every stream, or only to those who see {@code town}'s alerts. */
    private void broadcast(String frame, String town) {
        subscribers.forEach((response, s) -> {
            if (town == null || s.seesTown().test(town)) {
                s.context().runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(frame);
                    }
                });
            }
        });
    }
}
