package io.envwatch.alerting.notifications;

import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.AlertDeliveryPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where delivery outcomes become visible: the latest ones in memory for the API and console, every
 * one in InfluxDB ({@code alert_delivery}: tags channel, status) for the boards.
 */
public final class DeliveryLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
    static final int KEPT = 500;

    private final Vertx vertx;
    private final InfluxWrites writes;
    private final Deque<Delivery> latest = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger writing = new AtomicInteger();

    public DeliveryLog(Vertx vertx, InfluxWrites writes) {
        this.vertx = vertx;
        this.writes = writes;
    }

    public void record(Delivery d) {
        synchronized (latest) {
            latest.addFirst(d);
            if (latest.size() > KEPT) {
                latest.removeLast();
            }
        }
        // Sub-millisecond part from a counter: two outcomes in one millisecond are two points.
        long ns = d.at() * 1_000_000L + sequence.incrementAndGet() % 1_000_000L;
        String line = new AlertDeliveryPoint(
                        d.channel(),
                        d.status(),
                        d.alertId(),
                        d.event(),
                        d.deliveryId(),
                        d.audience(),
                        d.attempts(),
                        d.error(),
                        ns)
                .toLine();
        writing.incrementAndGet();
        vertx.executeBlocking(() -> {
                    writes.write(line);
                    return null;
                })
                .onFailure(e -> LOG.warn("delivery outcome of {} not stored: {}", d.deliveryId(), e.getMessage()))
                .onComplete(done -> writing.decrementAndGet());
    }

    /**
     * Waits, up to {@code max}, until every outcome recorded so far is stored: a closing service
     * must not leave one unwritten, or its next start would send that notification again.
     */
    public boolean flush(Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (writing.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return writing.get() == 0;
    }

    /** How an outcome is named in {@link #recordedSince}: one delivery on one channel. */
    public static String outcomeKey(String deliveryId, String channel) {
        return deliveryId + "|" + channel;
    }

    /** The {@link #outcomeKey} of every outcome stored since {@code since}: what a restart need not send again. */
    public static Set<String> recordedSince(InfluxQlRows reads, Instant since) {
        Set<String> recorded = new HashSet<>();
        for (Row row : reads.rows(
                InfluxQl.select(AlertDeliveryPoint.MEASUREMENT, AlertDeliveryPoint.DELIVERY, AlertDeliveryPoint.CHANNEL)
                        + " WHERE time >= " + InfluxQl.literal(since))) {
            recorded.add(outcomeKey(row.text(AlertDeliveryPoint.DELIVERY), row.text(AlertDeliveryPoint.CHANNEL)));
        }
        return recorded;
    }

    /** The latest outcomes, newest first; only failures when asked. */
    public List<Delivery> latest(boolean failedOnly, String alertId) {
        synchronized (latest) {
            return latest.stream()
                    .filter(d -> !failedOnly || d.failed())
                    .filter(d -> alertId == null || alertId.equals(d.alertId()))
                    .toList();
        }
    }
}
