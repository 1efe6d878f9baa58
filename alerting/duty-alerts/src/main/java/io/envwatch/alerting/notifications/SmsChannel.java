package io.envwatch.alerting.notifications;

import io.envwatch.district.language.Voice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * SMS through the bureau's HTTP gateway ({@link SmsGateway}): one short line (site, what, where,
 * the deadline, the console link) within the allowed segments. A 5xx, a 429 (waiting as long as
 * its {@code Retry-After} asks) or no answer is tried again; any other answer that does not say
 * "sent" is the gateway refusing the message.
 */
public final class SmsChannel extends RetryingChannel {
    private final WebClient client;
    private final SmsGateway gateway;
    private final String consoleUrl;
    private final Voice voice;

    public SmsChannel(
            Vertx vertx,
            String id,
            Audience audience,
            SmsGateway gateway,
            String consoleUrl,
            Voice voice,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        super(vertx, id, "sms", audience, maxAttempts, firstRetryAfter, clock);
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
        this.gateway = gateway;
        this.consoleUrl = consoleUrl;
        this.voice = voice;
    }

    /** The one line sent, within the gateway's segments. */
    String text(Notification n) {
        return NotificationText.of(n, consoleUrl, voice).sms(gateway.maxSegments());
    }

    @Override
    protected Future<Attempt> send(Notification n, int attempt) {
        String text = text(n);
        String to = String.join(",", gateway.to());
        boolean get = "GET".equalsIgnoreCase(gateway.method());
        UnaryOperator<String> urlEncoded = v -> URLEncoder.encode(v, StandardCharsets.UTF_8);
        String url = fill(gateway.url(), to, text, urlEncoded);
        HttpRequest<Buffer> request =
                client.requestAbs(get ? HttpMethod.GET : HttpMethod.POST, url).timeout(10_000);
        if (gateway.authHeader() != null) {
            request.putHeader(gateway.authHeader(), gateway.authValue());
        }
        Future<HttpResponse<Buffer>> sent;
        if (get) {
            sent = request.send();
        } else {
            boolean json = SmsGateway.JSON.equals(gateway.contentType());
            UnaryOperator<String> escape = json ? SmsChannel::jsonEscaped : urlEncoded;
            request.putHeader("Content-Type", gateway.contentType() + "; charset=utf-8");
            sent = request.sendBuffer(Buffer.buffer(fill(gateway.body(), to, text, escape), "UTF-8"));
        }
        return sent.map(this::read);
    }

    private Attempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 429) {
            String after = response.getHeader("Retry-After");
            Duration wait =
                    after != null && after.matches("\\d{1,5}") ? Duration.ofSeconds(Long.parseLong(after)) : null;
            return Attempt.rateLimited("HTTP 429", wait);
        }
        if (status >= 500) {
            return Attempt.retry("HTTP " + status);
        }
        String body = response.bodyAsString() == null ? "" : response.bodyAsString();
        if (status / 100 != 2) {
            return Attempt.failed("HTTP " + status + ": " + abbreviate(body));
        }
        if (gateway.successContains() != null && !body.contains(gateway.successContains())) {
            return Attempt.failed("the gateway did not confirm: " + abbreviate(body));
        }
        return Attempt.DELIVERED;
    }

    private static String fill(String template, String to, String text, UnaryOperator<String> escape) {
        return template.replace("{to}", escape.apply(to)).replace("{text}", escape.apply(text));
    }

    /** A JSON string's content without its quotes. */
    static String jsonEscaped(String value) {
        String quoted = new JsonObject().put("v", value).encode();
        return quoted.substring("{\"v\":\"".length(), quoted.length() - 2);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
