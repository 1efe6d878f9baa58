package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WeCom and DingTalk group robots against local servers that check what the services'
 * documentation asks for (the key or token, the message format, DingTalk's signature and keyword)
 * and answer as the services do: {@code errcode} 0, the "too many messages" codes, refusals.
 */
class RobotChannelsIT {
    private static final Voice SHANGHAI = new Voice(Language.EN, ZoneId.of("Asia/Shanghai"));
    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private static final String TOKEN = "4b2c1a8f0e";
    private static final String SECRET = "SEC3f0c9b5d5f2a4e6b8c7d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9";

    private Vertx vertx;
    private HttpServer server;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private volatile BiFunction<HttpServerRequest, JsonObject, JsonObject> answer;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    JsonObject message = body.toJsonObject();
                    received.add(message);
                    req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(answer.apply(req, message).encode());
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private static JsonObject ok() {
        return new JsonObject().put("errcode", 0).put("errmsg", "ok");
    }

    private static JsonObject error(int code, String message) {
        return new JsonObject().put("errcode", code).put("errmsg", message);
    }

    private WeComChannel wecom(String key, int maxAttempts) {
        return new WeComChannel(
                vertx,
                "fenggang-wecom",
                Audience.team("team-fenggang"),
                url("/cgi-bin/webhook/send"),
                key,
                Notifications.CONSOLE,
                SHANGHAI,
                Duration.ofMillis(300),
                maxAttempts,
                Duration.ofMillis(50),
                Clock.systemUTC());
    }

    private DingTalkChannel dingtalk(String keyword, int maxAttempts) {
        return new DingTalkChannel(
                vertx,
                "fenggang-dingtalk",
                Audience.team("team-fenggang"),
                url("/robot/send"),
                TOKEN,
                SECRET,
                keyword,
                Notifications.CONSOLE,
                SHANGHAI,
                Duration.ofMillis(300),
                maxAttempts,
                Duration.ofMillis(50),
                Clock.systemUTC());
    }

    private static Delivery await(io.vertx.core.Future<Delivery> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** WeCom: the key in the address, a markdown message of at most 4,096 bytes. */
    private JsonObject wecomService(HttpServerRequest req, JsonObject message) {
        if (!req.path().equals("/cgi-bin/webhook/send") || !KEY.equals(req.getParam("key"))) {
            return error(93000, "invalid webhook url");
        }
        JsonObject markdown = message.getJsonObject("markdown");
        if (!"markdown".equals(message.getString("msgtype"))
                || markdown == null
                || markdown.getString("content").getBytes(StandardCharsets.UTF_8).length > 4096) {
            return error(40008, "invalid message type");
        }
        return ok();
    }

    @Test
    void weComTakesTheMarkdownMessageAndAWrongKeyIsNotTriedAgain() throws Exception {
        answer = this::wecomService;
        Delivery delivered = await(wecom(KEY, 3).deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        String content = received.get(0).getJsonObject("markdown").getString("content");
        assertThat(content)
                .startsWith("### EnvWatch alert opened: FE-N01 · Noise: LAeq over 1-minute intervals above the limit")
                .contains("> LAeq 71.2 dB(A) against a night limit of 55 dB(A)")
                .contains("Deadline: acknowledge by 2026-12-06 23:45:00 (Asia/Shanghai)")
                .endsWith("(https://duty.example.cn/console/#alert=FE-N01:noise-laeq-1m:1765035600000)");

        received.clear();
        Delivery refused = await(wecom("not-the-key", 3).deliver(Notifications.opened("FE-N01")));
        assertThat(refused.status()).isEqualTo(Delivery.FAILED);
        assertThat(refused.attempts())
                .as("a wrong key is not a passing trouble")
                .isEqualTo(1);
        assertThat(refused.error()).isEqualTo("errcode 93000: invalid webhook url");
    }

    @Test
    void weComOverItsTwentyAMinuteWaitsAndSendsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> at = new CopyOnWriteArrayList<>();
        answer = (req, message) -> {
            at.add(System.nanoTime());
            return calls.incrementAndGet() == 1
                    ? error(WeComChannel.FREQUENCY_LIMIT, "api freq out of limit")
                    : wecomService(req, message);
        };
        Delivery delivered = await(wecom(KEY, 3).deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(1) - at.get(0)))
                .as("it waited as long as the robot's limit asks, not the first retry's 50 ms")
                .isGreaterThanOrEqualTo(300);
    }

    /** DingTalk: the token, a fresh timestamp and its signature, the keyword in the text. */
    private JsonObject dingtalkService(HttpServerRequest req, JsonObject message, String keyword) {
        if (!TOKEN.equals(req.getParam("access_token"))) {
            return error(300001, "token is not exist");
        }
        String timestamp = req.getParam("timestamp");
        String sign = req.getParam("sign");
        if (timestamp == null
                || sign == null
                || Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > 3_600_000
                || !expectedSign(timestamp).equals(sign)) {
            return error(310000, "sign not match");
        }
        JsonObject markdown = message.getJsonObject("markdown");
        if (!"markdown".equals(message.getString("msgtype"))
                || markdown == null
                || markdown.getString("title") == null) {
            return error(40035, "缺少参数 json");
        }
        if (keyword != null && !markdown.getString("text").contains(keyword)) {
            return error(310000, "keywords not in content");
        }
        return ok();
    }

    /** Base64 of HMAC-SHA256 over "timestamp\nsecret", as DingTalk's documentation computes it (the query string decoded). */
    private static String expectedSign(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dingTalkSignsEveryMessageAndCarriesTheRobotsKeyword() throws Exception {
        answer = (req, message) -> dingtalkService(req, message, "环保");
        Delivery delivered = await(dingtalk("环保", 3).deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        JsonObject markdown = received.get(0).getJsonObject("markdown");
        assertThat(markdown.getString("title")).startsWith("[环保] EnvWatch alert opened: FE-N01");
        assertThat(markdown.getString("text"))
                .contains("[Open in the EnvWatch console](https://duty.example.cn/console/");

        received.clear();
        Delivery withoutKeyword = await(dingtalk(null, 3).deliver(Notifications.opened("FE-N01")));
        assertThat(withoutKeyword.status()).isEqualTo(Delivery.FAILED);
        assertThat(withoutKeyword.attempts()).isEqualTo(1);
        assertThat(withoutKeyword.error()).isEqualTo("errcode 310000: keywords not in content");
    }

    @Test
    void dingTalksSignatureIsTheDocumentedOneAndTooFastWaits() throws Exception {
        String signed = DingTalkChannel.sign(1700000000000L, SECRET);
        assertThat(URLDecoder.decode(signed, StandardCharsets.UTF_8)).isEqualTo(expectedSign("1700000000000"));
        assertThat(signed).doesNotContain("+").doesNotContain("/").doesNotContain("=");

        AtomicInteger calls = new AtomicInteger();
        answer = (req, message) -> calls.incrementAndGet() <= 2
                ? error(DingTalkChannel.TOO_FAST, "send too fast, exceed 20 times per minute")
                : dingtalkService(req, message, null);
        Delivery delivered = await(dingtalk(null, 4).deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(3);

        calls.set(-100);
        Delivery gaveUp = await(dingtalk(null, 2).deliver(Notifications.opened("FE-N01")));
        assertThat(gaveUp.status()).isEqualTo(Delivery.FAILED);
        assertThat(gaveUp.attempts()).isEqualTo(2);
        assertThat(gaveUp.error()).startsWith("errcode 130101");
    }
}
