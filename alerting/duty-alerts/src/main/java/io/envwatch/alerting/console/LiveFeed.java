package io.envwatch.alerting.console;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEvent;
import io.envwatch.alerting.alerts.AlertJson;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Words;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The console's live feed: server-sent events ({@code GET /api/v1/feed}), one {@code alert} event
 * per change with the alert as it now stands. Each response is written on its own connection's
 * context; a comment every 15 s keeps proxies from closing a quiet stream.
 */
public final class LiveFeed implements AlertLedger.AlertListener {
    private final AlertBook book;
    private final Map<HttpServerResponse, Subscriber> subscribers = new ConcurrentHashMap<>();

    /** A stream's context, which towns' alerts its person sees, and in which language. */
    private record Subscriber(Context context, Predicate<String> seesTown, Words words) {}

    public LiveFeed(Vertx vertx, AlertBook book) {
        this.book = book;
        vertx.setPeriodic(15_000, id -> broadcast(": keep-alive\n\n"));
    }

    /**
     * Starts a stream on this response for a person who sees the alerts of the towns
     * {@code seesTown} accepts, in their language; it ends when the client goes away.
     */
    public void subscribe(HttpServerResponse response, Context context, Predicate<String> seesTown, Words words) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n: connected\n\n");
        subscribers.put(response, new Subscriber(context, seesTown, words));
        response.closeHandler(v -> subscribers.remove(response));
        response.exceptionHandler(e -> subscribers.remove(response));
    }

    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        // Worded once per language that is listening, not once per stream.
        Map<Language, String> frames = new EnumMap<>(Language.class);
        Function<Words, String> frame = words -> frames.computeIfAbsent(
                words.language(),
                l -> "event: alert\ndata: "
                        + new JsonObject()
                                .put("event", event.action().wireName())
                                .put("actor", event.actor())
                                .put("alert", AlertJson.summary(alert, book, words))
                                .encode()
                        + "\n\n");
        broadcast(frame, alert.incident().town());
    }

    private void broadcast(String frame) {
        broadcast(words -> frame, null);
    }

    /** To every stream, or only to those who see {@code town}'s alerts. */
    private void broadcast(Function<Words, String> frame, String town) {
        subscribers.forEach((response, s) -> {
            if (town == null || s.seesTown().test(town)) {
                String text = frame.apply(s.words());
                s.context().runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(text);
                    }
                });
            }
        });
    }
}
