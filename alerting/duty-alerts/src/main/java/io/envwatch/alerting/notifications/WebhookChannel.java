package io.envwatch.alerting.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts the notification as JSON to a team's URL, signed ({@link WebhookSignature}). Retries
 * connection failures, timeouts, 5xx and 429 ({@link RetryingChannel}); any other 4xx is the
 * receiver refusing this request and is not retried. Non-blocking throughout.
 */
public final class WebhookChannel extends RetryingChannel {
    private final WebClient client;
    private final URI url;
    private final String secret;

    public WebhookChannel(
            Vertx vertx,
            String id,
            Audience audience,
            String url,
            String secret,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        super(vertx, id, "webhook", audience, maxAttempts, firstRetryAfter, clock);
        this.client = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
        this.url = URI.create(url);
        this.secret = secret;
    }

    @Override
    protected Future<Attempt> send(Notification n, int attempt) {
        Buffer body = n.body().toBuffer();
        long t = clock.millis() / 1000;
        return client.postAbs(url.toString())
                .timeout(10_000)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-EnvWatch-Event", n.event())
                .putHeader("X-EnvWatch-Delivery", n.deliveryId())
                .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(secret, t, body.getBytes()))
                .sendBuffer(body)
                .map(response -> {
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return Attempt.DELIVERED;
                    }
                    return status >= 500 || status == 429
                            ? Attempt.retry("HTTP " + status)
                            : Attempt.failed("HTTP " + status);
                });
    }
}
