package io.envwatch.alerting.notifications;

import io.envwatch.district.language.Voice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk (钉钉) custom group robot: {@code POST https://oapi.dingtalk.com/robot/send?
 * access_token=TOKEN&timestamp=T&sign=S} with {@code {"msgtype": "markdown", "markdown": {"title":
 * ..., "text": ...}}}. With the "sign" security setting, {@code S} is the URL-encoded Base64 of the
 * HMAC-SHA256 of {@code T + "\n" + secret} keyed by the secret, {@code T} in epoch milliseconds
 * (within an hour of DingTalk's clock). With the "keyword" setting the text must carry one of the
 * robot's keywords, so the configured keyword is put in the title. The robot answers
 * {@code {"errcode": 0}}; errcode 130101 says it took more than 20 messages a minute (it then
 * refuses for ten minutes), and we wait. See https://open.dingtalk.com/document/robots/custom-robot-access
 * and https://open.dingtalk.com/document/robots/customize-robot-security-settings.
 */
public final class DingTalkChannel extends RetryingChannel {
    /** "send too fast, exceed 20 times per minute". */
    static final int TOO_FAST = 130101;

    /** How long to wait when the robot says it took its 20 a minute. */
    public static final Duration LIMIT_WAIT = Duration.ofMinutes(1);

    private final WebClient client;
    private final Duration rateLimitWait;
    private final String endpoint;
    private final String token;
    private final String secret;
    private final String keyword;
    private final String consoleUrl;
    private final Voice voice;

    /**
     * @param token the robot's access token, from the environment
     * @param secret the signing secret ("SEC…"), from the environment, or null without signing
     * @param keyword one of the robot's keywords, or null without the keyword setting
     */
    public DingTalkChannel(
            Vertx vertx,
            String id,
            Audience audience,
            String endpoint,
            String token,
            String secret,
            String keyword,
            String consoleUrl,
            Voice voice,
            Duration rateLimitWait,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        super(vertx, id, "dingtalk", audience, maxAttempts, firstRetryAfter, clock);
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
        this.rateLimitWait = rateLimitWait;
        this.endpoint = endpoint;
        this.token = token;
        this.secret = secret;
        this.keyword = keyword;
        this.consoleUrl = consoleUrl;
        this.voice = voice;
    }

    @Override
    protected Future<Attempt> send(Notification n, int attempt) {
        NotificationText text = NotificationText.of(n, consoleUrl, voice);
        String title = keyword == null ? text.title() : "[" + keyword + "] " + text.title();
        JsonObject message = new JsonObject()
                .put("msgtype", "markdown")
                .put(
                        "markdown",
                        new JsonObject()
                                .put("title", title)
                                .put("text", (keyword == null ? "" : keyword + "\n\n") + text.markdown()));
        return client.postAbs(url(clock.millis()))
                .timeout(10_000)
                .sendJsonObject(message)
                .map(r -> RobotReply.read(r.statusCode(), r.body(), Set.of(TOO_FAST), rateLimitWait));
    }

    private String url(long timestamp) {
        StringBuilder url = new StringBuilder(endpoint)
                .append(endpoint.contains("?") ? "&" : "?")
                .append("access_token=")
                .append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (secret != null) {
            url.append("&timestamp=").append(timestamp).append("&sign=").append(sign(timestamp, secret));
        }
        return url.toString();
    }

    /** The URL-encoded Base64 of HMAC-SHA256(key = secret, message = timestamp + "\n" + secret). */
    static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
