package io.envwatch.alerting.notifications;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the notification as JSON to a team's URL, signed ({@link WebhookSignature}). Retries
 * connection failures, timeouts, 5xx and 429 with doubling delays up to {@code maxAttempts}; any
 * other 4xx is the receiver refusing this request and is not retried. Non-blocking throughout.
 */
public final class WebhookChannel implements NotificationChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);
    private static final long MAX_DELAY_MS = 60_000;

    private final Vertx vertx;
    private final WebClient client;
    private final String id;
    private final Audience audience;
    private final URI url;
    private final String secret;
    private final int maxAttempts;
    private final Duration firstRetryAfter;
    private final Clock clock;

    public WebhookChannel(
            Vertx vertx,
            String id,
            Audience audience,
            String url,
            String secret,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        this.vertx = vertx;
        this.client = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
        this.id = id;
        this.audience = audience;
        this.url = URI.create(url);
        this.secret = secret;
        this.maxAttempts = maxAttempts;
        this.firstRetryAfter = firstRetryAfter;
        this.clock = clock;
    }

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
        attempt(n, n.body().toBuffer(), 1, outcome);
        return outcome.future();
    }

    private void attempt(Notification n, Buffer body, int attempt, Promise<Delivery> outcome) {
        long t = clock.millis() / 1000;
        client.postAbs(url.toString())
                .timeout(10_000)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-EnvWatch-Event", n.event())
                .putHeader("X-EnvWatch-Delivery", n.deliveryId())
                .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(secret, t, body.getBytes()))
                .sendBuffer(body)
                .onComplete(result -> {
                    String error;
                    boolean retry;
                    if (result.succeeded() && result.result().statusCode() / 100 == 2) {
                        outcome.complete(delivery(n, Delivery.DELIVERED, attempt, null));
                        return;
                    } else if (result.succeeded()) {
                        int status = result.result().statusCode();
                        error = "HTTP " + status;
                        retry = status >= 500 || status == 429;
                    } else {
                        error = result.cause().toString();
                        retry = true;
                    }
                    if (retry && attempt < maxAttempts) {
                        long delay = Math.min(MAX_DELAY_MS, firstRetryAfter.toMillis() << Math.min(attempt - 1, 20));
                        LOG.info(
                                "webhook {} for {} failed ({}), attempt {} of {}, retrying in {} ms",
                                id,
                                n.subjectId(),
                                error,
                                attempt,
                                maxAttempts,
                                delay);
                        vertx.setTimer(delay, x -> attempt(n, body, attempt + 1, outcome));
                    } else {
                        LOG.warn(
                                "webhook {} for {} {} failed after {} attempt(s): {}",
                                id,
                                n.subjectId(),
                                n.event(),
                                attempt,
                                error);
                        outcome.complete(delivery(n, Delivery.FAILED, attempt, error));
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
