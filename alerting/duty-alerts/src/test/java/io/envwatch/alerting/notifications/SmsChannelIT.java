package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMS through an HTTP gateway described by settings only, against a local gateway that answers as
 * a provider does: its own success code, a refusal, a 429 with Retry-After.
 */
class SmsChannelIT {
    private static final Voice SHANGHAI = new Voice(Language.EN, ZoneId.of("Asia/Shanghai"));

    private Vertx vertx;
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private volatile Consumer<HttpServerRequest> gateway;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    bodies.add(req.method() + " " + req.uri() + " " + body.toString());
                    auth.add(String.valueOf(req.getHeader("X-Api-Key")));
                    gateway.accept(req);
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

    private SmsChannel channel(String method, String contentType, String body, int segments) {
        String url = "http://127.0.0.1:" + server.actualPort() + "/sms/send"
                + ("GET".equals(method) ? "?mobile={to}&content={text}" : "");
        return new SmsChannel(
                vertx,
                "fenggang-sms",
                Audience.team("team-fenggang"),
                new SmsGateway(
                        url,
                        method,
                        contentType,
                        body,
                        "X-Api-Key",
                        "k-from-env",
                        List.of("13800138000", "13900139000"),
                        "\"code\":\"OK\"",
                        segments),
                Notifications.CONSOLE,
                SHANGHAI,
                3,
                Duration.ofMillis(50),
                Clock.systemUTC());
    }

    private static Delivery await(io.vertx.core.Future<Delivery> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void answer(HttpServerRequest req, int status, String body) {
        req.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }

    @Test
    void aJsonGatewayGetsTheNumbersAndOneShortLineWithTheLink() throws Exception {
        gateway = req -> answer(req, 200, "{\"code\":\"OK\",\"requestId\":\"r1\"}");
        SmsChannel sms = channel(
                "POST", SmsGateway.JSON, "{\"phones\":\"{to}\",\"message\":\"{text}\",\"sign\":\"EnvWatch\"}", 1);
        Delivery delivered = await(sms.deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(auth).containsExactly("k-from-env");
        String sent = bodies.get(0);
        assertThat(sent).startsWith("POST /sms/send {");
        JsonObject json = new JsonObject(sent.substring(sent.indexOf('{')));
        assertThat(json.getString("phones")).isEqualTo("13800138000,13900139000");
        String text = json.getString("message");
        assertThat(text)
                .startsWith("EnvWatch opened: FE-N01 (fenggang)")
                .endsWith(" https://duty.example.cn/console/#alert=FE-N01:noise-laeq-1m:1765035600000");
        assertThat(SmsText.segments(text)).isEqualTo(1);
    }

    @Test
    void chineseTextIsCutToItsSegmentsAndAFormGatewayGetsItUrlEncoded() throws Exception {
        gateway = req -> answer(req, 200, "{\"code\":\"OK\"}");
        Notification chinese = Notifications.opened("凤岗五金厂");
        SmsChannel sms = channel("POST", SmsGateway.FORM, "to={to}&text={text}", 2);
        assertThat(await(sms.deliver(chinese)).status()).isEqualTo(Delivery.DELIVERED);
        String form = bodies.get(0).substring(bodies.get(0).indexOf("to="));
        String text = java.net.URLDecoder.decode(form.substring(form.indexOf("&text=") + 6), "UTF-8");
        assertThat(text).contains("凤岗五金厂").endsWith("#alert=凤岗五金厂:noise-laeq-1m:1765035600000");
        assertThat(SmsText.segments(text)).isLessThanOrEqualTo(2);
        assertThat(sms.text(chinese)).isEqualTo(text);
    }

    @Test
    void aGetGatewayARefusalAndARateLimitAreEachAnsweredAsTheyMean() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        gateway = req -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                req.response().putHeader("Retry-After", "1");
                answer(req, 429, "{\"code\":\"Throttling\"}");
            } else {
                answer(req, 200, "{\"code\":\"OK\"}");
            }
        };
        long t0 = System.nanoTime();
        Delivery delivered = await(channel("GET", null, null, 1).deliver(Notifications.opened("FE-N01")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                .as("the gateway's Retry-After was honoured")
                .isGreaterThanOrEqualTo(1000);
        assertThat(bodies.get(1)).startsWith("GET /sms/send?mobile=13800138000%2C13900139000&content=EnvWatch+opened");

        gateway = req -> answer(req, 200, "{\"code\":\"isv.MOBILE_NUMBER_ILLEGAL\"}");
        Delivery refused = await(channel("GET", null, null, 1).deliver(Notifications.opened("FE-N01")));
        assertThat(refused.status()).isEqualTo(Delivery.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.error()).contains("did not confirm").contains("MOBILE_NUMBER_ILLEGAL");
    }
}
