package io.envwatch.alerting.notifications;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every channel shares: attempts with doubling delays up to {@code maxAttempts} while the
 * provider's answer says another may succeed (a timeout, a 5xx, a rate limit, when it asks for a
 * wait, at least that wait), the outcome as one {@link Delivery}, and log lines that say what
 * happened. A channel says how one attempt is sent and read ({@link #send}); it never blocks the
 * event loop (a blocking protocol runs its attempt on a worker).
 */
public abstract class RetryingChannel implements NotificationChannel {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingChannel.class);
    private static final long MAX_DELAY_MS = 60_000;

    protected final Vertx vertx;
    private final String id;
    private final String kind;
    private final Audience audience;
    private final int maxAttempts;
    private final Duration firstRetryAfter;
    protected final Clock clock;

    protected RetryingChannel(
            Vertx vertx,
            String id,
            String kind,
            Audience audience,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        this.vertx = vertx;
        this.id = id;
        this.kind = kind;
        this.audience = audience;
        this.maxAttempts = maxAttempts;
        this.firstRetryAfter = firstRetryAfter;
        this.clock = clock;
    }

    /** One attempt; the future completes with how it went and never fails. */
    protected abstract Future<Attempt> send(Notification n, int attempt);

    @Override
    public String id() {
        return id;
    }

    @Override
    public Audience audience() {
        return audience;
    }

    @Override
    public Future<Delivery> deliver(Notification n) {
        Promise<Delivery> outcome = Promise.promise();
        attempt(n, 1, outcome);
        return outcome.future();
    }

    private void attempt(Notification n, int attempt, Promise<Delivery> outcome) {
        send(n, attempt)
                .recover(e -> Future.succeededFuture(Attempt.retry(e.toString())))
                .onSuccess(a -> {
                    if (a.delivered()) {
                        outcome.complete(delivery(n, Delivery.DELIVERED, attempt, null));
                    } else if (a.retry() && attempt < maxAttempts) {
                        long backoff = Math.min(MAX_DELAY_MS, firstRetryAfter.toMillis() << Math.min(attempt - 1, 20));
                        long delay = a.retryAfter() == null
                                ? backoff
                                : Math.max(
                                        backoff,
                                        Math.min(MAX_DELAY_MS, a.retryAfter().toMillis()));
                        LOG.info(
                                "{} {} for {} failed ({}), attempt {} of {}, retrying in {} ms",
                                kind,
                                id,
                                n.subjectId(),
                                a.error(),
                                attempt,
                                maxAttempts,
                                delay);
                        vertx.setTimer(delay, x -> attempt(n, attempt + 1, outcome));
                    } else {
                        LOG.warn(
                                "{} {} for {} {} failed after {} attempt(s): {}",
                                kind,
                                id,
                                n.subjectId(),
                                n.event(),
                                attempt,
                                a.error());
                        outcome.complete(delivery(n, Delivery.FAILED, attempt, a.error()));
                    }
                });
    }

    private Delivery delivery(Notification n, String status, int attempts, String error) {
        return new Delivery(
                id,
                audience.toString(),
                n.subjectId(),
                n.event(),
                n.deliveryId(),
                status,
                attempts,
                error,
                clock.millis());
    }
}
