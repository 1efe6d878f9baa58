package io.envwatch.alerting.alerts;

import io.envwatch.alerting.staff.Staff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of alert events. Everything that changes an alert (the job's incidents, missed
 * deadlines, people's commands) runs here, one at a time on one thread, so two officers pressing
 * "acknowledge" together cannot both succeed. An event is stored in InfluxDB first and only then
 * applied and announced: a failed write changes nothing and the caller hears of it.
 */
public final class AlertLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLedger.class);

    private final AlertBook book;
    private final AlertEventStore store;
    private final IncidentFeed incidents;
    private final Clock clock;
    private final Duration lookback;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-ledger");
        t.setDaemon(true);
        return t;
    });
    private long lastNs;

    public AlertLedger(AlertBook book, AlertEventStore store, IncidentFeed incidents, Clock clock, Duration lookback) {
        this.book = book;
        this.store = store;
        this.incidents = incidents;
        this.clock = clock;
        this.lookback = lookback;
    }

    /**
     * Told of every stored event, in order, on the ledger's thread: a listener hands slow work
     * off (notifications) or keeps it short (the boards' points, which must land in order).
     */
    public interface AlertListener {
        void changed(Alert alert, AlertEvent event);
    }

    public void listen(AlertListener listener) {
        listeners.add(listener);
    }

    /** Rebuilds every alert from the stored events. Call once, before anything else. */
    public int recover() throws Exception {
        return submit(() -> {
            List<AlertEvent> events = store.loadAll();
            events.forEach(book::apply);
            lastNs = events.isEmpty() ? 0 : events.get(events.size() - 1).timeNs();
            return events.size();
        }).get();
    }

    /** Looks at the job's incidents and records what changed; completes with how many events. */
    public CompletableFuture<Integer> pollIncidents() {
        return submit(() -> {
            long now = clock.millis();
            int recorded = 0;
            for (IncidentSnapshot s : incidents.since(clock.instant().minus(lookback))) {
                for (AlertEvent draft : book.onIncident(s, now)) {
                    record(draft);
                    recorded++;
                }
            }
            return recorded;
        });
    }

    /** Escalates every alert whose deadline has passed; completes with how many. */
    public CompletableFuture<Integer> checkDeadlines() {
        return submit(() -> {
            List<AlertEvent> due = book.dueEscalations(clock.millis());
            for (AlertEvent draft : due) {
                LOG.warn("alert {} escalated: {}", draft.alertId(), draft.note());
                record(draft);
            }
            return due.size();
        });
    }

    /** Carries out a person's command; fails with {@link AlertBook.Refused} when it may not. */
    public CompletableFuture<Alert> command(String alertId, Command command, Staff staff) {
        return submit(() -> {
            AlertEvent event = record(book.onCommand(alertId, command, staff));
            LOG.info("alert {} {} by {}", alertId, event.action().wireName(), staff.name());
            return book.get(alertId).orElseThrow();
        });
    }

    private AlertEvent record(AlertEvent draft) {
        // Unique and increasing even when the clock stands still or steps back.
        lastNs = Math.max(lastNs + 1, clock.millis() * 1_000_000L);
        AlertEvent event = draft.at(lastNs);
        IncidentSnapshot about = event.incident() != null ? event.incident()
                : book.get(event.alertId()).orElseThrow().incident();
        store.append(event, about);
        book.apply(event);
        Alert alert = book.get(event.alertId()).orElseThrow();
        if (event.action() == AlertAction.OPENED || event.action() == AlertAction.REOPENED) {
            LOG.info("alert {} {}: {} {} at {} (peak {} over {}), severity {}", alert.id(), event.action().wireName(),
                    about.kind(), about.quantity(), about.site(), about.peak(), about.limit(), event.severity());
        }
        for (AlertListener listener : listeners) {
            try {
                listener.changed(alert, event);
            } catch (RuntimeException e) {
                LOG.warn("alert listener failed on {} {}: {}", event.alertId(), event.action().wireName(), e.toString());
            }
        }
        return event;
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }

    public AlertBook book() {
        return book;
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
