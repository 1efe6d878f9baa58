package io.envwatch.alerting.notifications;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertAction;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEvent;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertJson;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.district.language.Words;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes alert events to the channels of their audiences: every alert to the duty room and to the
 * enforcement team of the site's town; escalations also to the duty leader. Opening, reopening,
 * escalation, a rise in severity and closing are worth telling; a higher peak alone is not.
 */
public final class Notifier implements AlertLedger.AlertListener {
    private final Context context;
    private final AlertBook book;
    private final List<NotificationChannel> channels;
    private final DeliveryLog log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Words words;

    /** @param words the district's language: what the notifications' alerts say ({@code display}) */
    public Notifier(Context context, AlertBook book, List<NotificationChannel> channels, DeliveryLog log, Words words) {
        this.context = context;
        this.words = words;
        this.book = book;
        this.channels = List.copyOf(channels);
        this.log = log;
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        List<AlertEvent> history = alert.history();
        if (worthTelling(history, history.size() - 1)) {
            send(alert, event, Set.of());
        }
    }

    /**
     * After a restart: sends again what the events since {@code sinceNs} called for and no channel
     * recorded an outcome of (it was in flight when the service stopped). Same delivery ids, so a
     * receiver that did get it drops the repeat. Returns how many notifications went out again.
     *
     * @param recorded "deliveryId|channel" of every outcome stored since then
     */
    public int resendUnrecorded(long sinceNs, Set<String> recorded) {
        int resent = 0;
        for (Alert alert : book.read(b -> b.find(AlertFilter.everything()))) {
            List<AlertEvent> history = alert.history();
            for (int i = 0; i < history.size(); i++) {
                AlertEvent event = history.get(i);
                if (event.timeNanos() >= sinceNs && worthTelling(history, i)) {
                    resent += send(alert, event, recordedChannels(deliveryId(alert, event), recorded));
                }
            }
        }
        return resent;
    }

    private int send(Alert alert, AlertEvent event, Set<String> skipChannels) {
        return send(
                new Notification(
                        "alert." + event.action().wireName(),
                        deliveryId(alert, event),
                        alert.id(),
                        book.read(b -> AlertJson.summary(alert, b, words)),
                        audiences(alert, event)),
                skipChannels);
    }

    /** Sends to every channel of the notification's audiences but those skipped; returns to how many. */
    public int send(Notification n, Set<String> skipChannels) {
        int sent = 0;
        for (NotificationChannel channel : channels) {
            if (n.audiences().contains(channel.audience()) && !skipChannels.contains(channel.id())) {
                inFlight.incrementAndGet();
                context.runOnContext(
                        v -> channel.deliver(n).onSuccess(log::record).onComplete(done -> inFlight.decrementAndGet()));
                sent++;
            }
        }
        return sent;
    }

    /** The channels that recorded an outcome of this delivery: not sent again. */
    public Set<String> recordedChannels(String deliveryId, Set<String> recorded) {
        Set<String> done = new HashSet<>();
        for (NotificationChannel c : channels) {
            if (recorded.contains(DeliveryLog.outcomeKey(deliveryId, c.id()))) {
                done.add(c.id());
            }
        }
        return done;
    }

    private static String deliveryId(Alert alert, AlertEvent event) {
        return alert.id() + "/" + event.timeNanos();
    }

    /**
     * The room that answered for the alert at the event and its town's team; on a hand-over both
     * the town room that missed its deadline and the city room that takes it; on an escalation the
     * duty leader too. Read from the event, not the alert as it stands, so that a notification sent
     * again after a restart goes where it first went.
     */
    static Set<Audience> audiences(Alert alert, AlertEvent event) {
        Set<Audience> audiences = new LinkedHashSet<>();
        audiences.add(event.room() == null ? Audience.DUTY_ROOM : Audience.room(event.room()));
        if (event.action() == AlertAction.HANDED_OVER) {
            List<AlertEvent> history = alert.history();
            int i = history.indexOf(event);
            String before = i > 0 ? history.get(i - 1).room() : null;
            if (before != null) {
                audiences.add(Audience.room(before));
            }
        }
        audiences.add(Audience.team(alert.incident().team()));
        if (event.action() == AlertAction.ESCALATED) {
            audiences.add(Audience.DUTY_LEADER);
        }
        return audiences;
    }

    /** Waits, up to {@code max}, until no delivery is in flight (a closing service lets them finish). */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return inFlight.get() == 0;
    }

    /** Whether the {@code index}th event of an alert's history is worth a notification. */
    static boolean worthTelling(List<AlertEvent> history, int index) {
        AlertEvent event = history.get(index);
        return switch (event.action()) {
            case OPENED, REOPENED, HANDED_OVER, ESCALATED, RESOLVED, AUTO_RESOLVED -> true;
            case UPDATED -> index > 0 && !history.get(index - 1).severity().equals(event.severity());
            default -> false;
        };
    }
}
