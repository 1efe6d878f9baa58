package io.envwatch.alerting.notifications;

import io.envwatch.district.language.Voice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * A WeCom (企业微信) group robot: a markdown message posted to the robot's webhook, {@code
 * POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY} with {@code {"msgtype":
 * "markdown", "markdown": {"content": ...}}} (at most 4,096 bytes of UTF-8). The robot answers
 * {@code {"errcode": 0, "errmsg": "ok"}}; errcode 45009 says it took more than its 20 messages a
 * minute, and we wait a minute. See https://developer.work.weixin.qq.com/document/path/91770.
 */
public final class WeComChannel extends RetryingChannel {
    /** "api freq out of limit": more than 20 messages a minute to one robot. */
    static final int FREQUENCY_LIMIT = 45009;

    static final int MAX_CONTENT_BYTES = 4096;
    /** How long to wait when the robot says it took its 20 a minute. */
    public static final Duration LIMIT_WAIT = Duration.ofMinutes(1);

    private final WebClient client;
    private final Duration rateLimitWait;
    private final String url;
    private final String consoleUrl;
    private final Voice voice;

    /** @param key the robot's key (the {@code key} of its webhook address), from the environment */
    public WeComChannel(
            Vertx vertx,
            String id,
            Audience audience,
            String endpoint,
            String key,
            String consoleUrl,
            Voice voice,
            Duration rateLimitWait,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        super(vertx, id, "wecom", audience, maxAttempts, firstRetryAfter, clock);
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
        this.rateLimitWait = rateLimitWait;
        this.url = endpoint + (endpoint.contains("?") ? "&" : "?") + "key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        this.consoleUrl = consoleUrl;
        this.voice = voice;
    }

    @Override
    protected Future<Attempt> send(Notification n, int attempt) {
        String content = cut(NotificationText.of(n, consoleUrl, voice).markdown(), MAX_CONTENT_BYTES);
        JsonObject message =
                new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject().put("content", content));
        return client.postAbs(url)
                .timeout(10_000)
                .sendJsonObject(message)
                .map(r -> RobotReply.read(r.statusCode(), r.body(), Set.of(FREQUENCY_LIMIT), rateLimitWait));
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character. */
    static String cut(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes - 3) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append("…").toString();
    }
}
