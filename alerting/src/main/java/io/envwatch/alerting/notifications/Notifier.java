package io.envwatch.alerting.notifications;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertAction;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEvent;
import io.envwatch.alerting.alerts.AlertJson;
import io.envwatch.alerting.alerts.AlertLedger;
import io.vertx.core.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    public Notifier(Context context, AlertBook book, List<NotificationChannel> channels, DeliveryLog log) {
        this.context = context;
        this.book = book;
        this.channels = List.copyOf(channels);
        this.log = log;
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        if (!worthTelling(alert, event)) {
            return;
        }
        Set<Audience> audiences = audiences(alert, event);
        Notification n = new Notification("alert." + event.action().wireName(), alert.id() + "/" + event.timeNs(),
                alert.id(), AlertJson.summary(alert, book), audiences);
        for (NotificationChannel channel : channels) {
            if (audiences.contains(channel.audience())) {
                context.runOnContext(v -> channel.deliver(n).onSuccess(log::record));
            }
        }
    }

    static Set<Audience> audiences(Alert alert, AlertEvent event) {
        Set<Audience> audiences = new LinkedHashSet<>();
        audiences.add(Audience.DUTY_ROOM);
        audiences.add(Audience.team(alert.incident().team()));
        if (event.action() == AlertAction.ESCALATED) {
            audiences.add(Audience.DUTY_LEADER);
        }
        return audiences;
    }

    static boolean worthTelling(Alert alert, AlertEvent event) {
        return switch (event.action()) {
            case OPENED, REOPENED, ESCALATED, RESOLVED, AUTO_RESOLVED -> true;
            case UPDATED -> {
                List<AlertEvent> h = alert.history();
                yield h.size() > 1 && !h.get(h.size() - 2).severity().equals(event.severity());
            }
            default -> false;
        };
    }
}
