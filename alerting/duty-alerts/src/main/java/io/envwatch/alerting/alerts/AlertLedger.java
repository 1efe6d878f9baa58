package io.envwatch.alerting.alerts;

import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts on their {@link EventLog}: the job's incidents, missed deadlines and people's commands
 * each become events the {@link AlertBook} decides on and the log stores before they count.
 */
public final class AlertLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLedger.class);

    private final AlertBook book;
    private final IncidentFeed incidents;
    private final Clock clock;
    private final Duration lookback;
    private final EventLog<AlertEvent> log;

    public AlertLedger(AlertBook book, AlertEventStore store, IncidentFeed incidents, Clock clock, Duration lookback) {
        this.book = book;
        this.incidents = incidents;
        this.clock = clock;
        this.lookback = lookback;
        this.log = new EventLog<>("alert", store.about(book), book::apply, clock);
        log.listen(this::logOpening);
    }

    /**
     * Told of every stored event, in order, on the ledger's thread: a listener hands slow work
     * off (notifications) or keeps it short (the boards' points, which must land in order).
     */
    public interface AlertListener {
        void changed(Alert alert, AlertEvent event);
    }

    public void listen(AlertListener listener) {
        log.listen(e -> listener.changed(book.get(e.alertId()).orElseThrow(), e));
    }

    /** Rebuilds every alert from the stored events. Call once, before anything else. */
    public int recover() throws InterruptedException {
        return log.recover(() -> {});
    }

    /** Looks at the job's incidents and records what changed; completes with how many events. */
    public CompletableFuture<Integer> pollIncidents() {
        return log.submit(() -> {
            long now = clock.millis();
            int recorded = 0;
            for (IncidentSnapshot s : incidents.since(clock.instant().minus(lookback))) {
                for (AlertEvent draft : book.onIncident(s, now)) {
                    log.record(draft);
                    recorded++;
                }
            }
            return recorded;
        });
    }

    /** Escalates every alert whose deadline has passed; completes with how many. */
    public CompletableFuture<Integer> checkDeadlines() {
        return log.submit(() -> {
            List<AlertEvent> due = book.dueEscalations(clock.millis());
            for (AlertEvent draft : due) {
                LOG.warn("alert {} escalated: {}", draft.alertId(), draft.note());
                log.record(draft);
            }
            return due.size();
        });
    }

    /** Carries out a person's command; fails with a {@link io.envwatch.alerting.events.Refused} when it may not. */
    public CompletableFuture<Alert> command(String alertId, Command command, Staff staff) {
        return log.submit(() -> {
            AlertEvent event = log.record(book.onCommand(alertId, command, staff));
            LOG.info("alert {} {} by {}", alertId, event.action().wireName(), staff.name());
            return book.get(alertId).orElseThrow();
        });
    }

    private void logOpening(AlertEvent event) {
        if (event.action() == AlertAction.OPENED || event.action() == AlertAction.REOPENED) {
            IncidentSnapshot about = event.incident();
            LOG.info(
                    "alert {} {}: {} {} at {} (peak {} over {}), severity {}",
                    event.alertId(),
                    event.action().wireName(),
                    about.kind(),
                    about.quantity(),
                    about.site(),
                    about.peak(),
                    about.limit(),
                    event.severity());
        }
    }

    public AlertBook book() {
        return book;
    }

    @Override
    public void close() throws InterruptedException {
        log.close();
    }
}
