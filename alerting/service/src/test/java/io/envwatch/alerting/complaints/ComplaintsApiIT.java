package io.envwatch.alerting.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.api.RawHttp;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.schema.ComplaintClaimPoint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST /api/v1/complaints with a real HTTP client, through a real Mosquitto. */
class ComplaintsApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTACT = "Ms Chen, 139-2222-7788, chen.private@example.cn";
    private static LocalMosquitto broker;
    private static LocalInfluxd influxd;
    private static DutyService duty;
    private static MqttClient job;
    private static final List<String> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = LocalMosquitto.start();
        influxd = LocalInfluxd.start();
        influxd.createDatabase("complaints");
        job = new MqttClient(broker.url(), "job-standin", new MemoryPersistence());
        job.connect(new MqttConnectionOptions());
        job.subscribe(
                new MqttSubscription[] {new MqttSubscription(ComplaintCodec.TOPIC_PREFIX + "+", 1)},
                new IMqttMessageListener[] {
                    (topic, message) -> published.add(new String(message.getPayload(), StandardCharsets.UTF_8))
                });
        duty = DutyServices.start(
                influxd, "complaints", ComplaintPublisher.connect(broker.url(), "duty-service", null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        duty.close();
        job.disconnect();
        influxd.close();
        broker.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Filed by the hotline's staff, signed in. */
    private static HttpResponse<String> postAs(String token, String body) throws Exception {
        return HTTP.send(hotline(token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest hotline(String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static JsonObject complaint() {
        return new JsonObject()
                .put("category", "odour")
                .put("channel", "web")
                .put(
                        "observedAt",
                        OffsetDateTime.now(ZoneOffset.ofHours(8))
                                .minusMinutes(20)
                                .toString())
                .put("description", "Rotten-egg smell in the stairwell since midnight")
                .put("location", new JsonObject().put("lat", 22.8093).put("lon", 114.0941));
    }

    private static void awaitPublished(int n) throws InterruptedException {
        for (int i = 0; i < 100 && published.size() < n; i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void aValidComplaintIsAcceptedOnceTheBrokerHasItAndItsContactGoesNowhere() throws Exception {
        int before = published.size();
        HttpResponse<String> response = post(complaint().put("contact", CONTACT).encode());
        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject receipt = new JsonObject(response.body());
        assertThat(receipt.getString("id")).startsWith("C-");
        assertThat(receipt.getBoolean("contactStored")).isFalse();
        assertThat(receipt.getString("town")).isEqualTo("tangxia");
        awaitPublished(before + 1);
        String message = published.get(published.size() - 1);
        assertThat(message)
                .contains(receipt.getString("id"))
                .doesNotContain("Chen")
                .doesNotContain("139-2222");
        assertThat(response.body()).doesNotContain("Chen");
        Thread.sleep(200);
        assertThat(Files.readString(Path.of("target/test-logs/alerting.log")))
                .contains(receipt.getString("id"))
                .doesNotContain("139-2222")
                .doesNotContain("chen.private");
    }

    @Test
    void anonymousComplaintsAreWelcome() throws Exception {
        assertThat(post(complaint().encode()).statusCode()).isEqualTo(202);
    }

    @Test
    void theSameExternalReferenceIsAcceptedOnce() throws Exception {
        String body = complaint()
                .put("channel", "hotline")
                .put("externalRef", "12345-HOTLINE-0042")
                .encode();
        int before = published.size();
        HttpResponse<String> first = postAs(DutyServices.HOTLINE, body);
        HttpResponse<String> second = postAs(DutyServices.DUTY_OFFICER, body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(second.body()).getBoolean("duplicate")).isTrue();
        assertThat(new JsonObject(second.body()).getString("id"))
                .isEqualTo(new JsonObject(first.body()).getString("id"));
        Thread.sleep(300);
        assertThat(published.size() - before).isEqualTo(1);
    }

    @Test
    void invalidMalformedAndOversizeBodiesAreRefusedClearly() throws Exception {
        HttpResponse<String> invalid = post(complaint().put("category", "smell").encode());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("field")).isEqualTo("category");
        HttpResponse<String> noLocation = post(complaint().putNull("location").encode());
        assertThat(new JsonObject(noLocation.body()).getString("field")).isEqualTo("location");
        HttpResponse<String> malformed = post("{\"category\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getString("field")).isEqualTo("body");
        HttpResponse<String> oversize =
                post(complaint().put("description", "x".repeat(20_000)).encode());
        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(oversize.body()).getString("problem")).isEqualTo("error.body-too-large");
        assertThat(new JsonObject(oversize.body()).getString("error")).isEqualTo("请求体超过 16384 字节");
    }

    private static HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints"))
                        .header("Content-Type", contentType)
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFormEncodedBodyIsRefusedNamingWhatIsWrong() throws Exception {
        HttpResponse<String> form = post(
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("category=odour&description=smell"));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(form.body()).getString("field")).isEqualTo("Content-Type");
        assertThat(new JsonObject(form.body()).getString("error")).contains("application/json");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndAnsweredOnce() throws Exception {
        byte[] megabyte = ("category=" + "x".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length: the client sends it chunked, with no Content-Length to refuse early.
        HttpResponse<String> chunked = post(
                "application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(megabyte)));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(chunked.body()).getString("problem")).isEqualTo("error.body-too-large");
        Thread.sleep(200);
        assertThat(Files.readString(Path.of("target/test-logs/alerting.log")))
                .doesNotContain("Response head already sent");
    }

    @Test
    void concurrentPostsOfOneExternalReferenceAreAcceptedOnce() throws Exception {
        String body = complaint()
                .put("channel", "hotline")
                .put("externalRef", "12345-HOTLINE-RACE")
                .encode();
        int before = published.size();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(HTTP.sendAsync(hotline(DutyServices.HOTLINE, body), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (var post : posts) {
            HttpResponse<String> response = post.get();
            statuses.add(response.statusCode());
            ids.add(new JsonObject(response.body()).getString("id"));
        }
        assertThat(statuses).containsOnly(202, 200);
        assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
        assertThat(ids).hasSize(1);
        Thread.sleep(300);
        assertThat(published.size() - before).isEqualTo(1);
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreRefused() throws Exception {
        HttpResponse<String> trailing = post(complaint().encode() + " {\"category\":\"noise\"}");
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(trailing.body()).getString("field")).isEqualTo("body");
        String twice = complaint().encode().replaceFirst("\\{", "{\"category\":\"noise\",");
        HttpResponse<String> duplicate = post(twice);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(duplicate.body()).getString("field")).isEqualTo("category");
        assertThat(new JsonObject(duplicate.body()).getString("error")).isEqualTo("category 重复出现");
    }

    @Test
    void everyAnswerCarriesTheBrowserSecurityHeaders() throws Exception {
        for (String path : List.of("/console/", "/api/v1/health", "/api/v1/alerts", "/no-such-page")) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(
                            csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options"))
                    .as(path)
                    .hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .hasValue("no-referrer");
        }
    }

    @Test
    void aComplainantFollowsTheirComplaintWithTheClaimCodeAloneNoContactKept() throws Exception {
        HttpResponse<String> filed = post(
                complaint().put("category", "noise").put("contact", CONTACT).encode());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        JsonObject receipt = new JsonObject(filed.body());
        String id = receipt.getString("id");
        String code = receipt.getString("claimCode");
        assertThat(code).startsWith(id + ".");
        assertThat(followUp(code).getString("status")).isEqualTo("received");

        // The job decides it (corroborated by the factory), and the factory's incident carries it.
        long opened = System.currentTimeMillis() - 60_000;
        JobIncidents.write(
                influxd,
                "complaints",
                new ComplaintPoint(
                                "noise",
                                "fenggang",
                                "web",
                                "metal surface treatment",
                                false,
                                id,
                                22.8,
                                114.1,
                                "",
                                "",
                                "",
                                opened,
                                "corroborated",
                                true,
                                "1 of 1 sensors in range exceeded their limit",
                                List.of(),
                                List.of("FE-N01"),
                                opened)
                        .toLine(),
                JobIncidents.line(
                        "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 70.0, "HIGH", opened, id));
        duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
        JsonObject decided = followUp(code);
        assertThat(decided.getString("status")).isEqualTo("corroborated");
        assertThat(decided.getBoolean("officerOnScene")).isFalse();

        Api api = new Api(duty);
        String alert = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
        api.post("/api/v1/alerts/" + alert + "/ack", DutyServices.FENGGANG_SQUAD, "");
        api.post("/api/v1/alerts/" + alert + "/on-scene", DutyServices.FENGGANG_SQUAD, "");
        assertThat(followUp(code).getBoolean("officerOnScene")).isTrue();
        api.post(
                "/api/v1/alerts/" + alert + "/resolve",
                DutyServices.FENGGANG_SQUAD,
                "{\"code\":\"violation-confirmed\",\"note\":\"grinder enclosed, fined\"}");
        JsonObject resolved = followUp(code);
        assertThat(resolved.getBoolean("resolved")).isTrue();
        assertThat(resolved.getString("findings")).isEqualTo("violation confirmed");
        assertThat(resolved.encode()).doesNotContain("fined").doesNotContain("fenggang-squad");

        HttpResponse<String> wrong = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints/status"))
                        .header("X-Claim-Code", id + ".AAAAA-AAAAA-AAAAA-AAAAA")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).doesNotContain("corroborated");
        String stored = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "complaints"))
                .query(InfluxQl.selectAll(ComplaintClaimPoint.MEASUREMENT))
                .toString();
        assertThat(stored)
                .contains(id)
                .doesNotContain(code.substring(code.indexOf('.') + 1))
                .doesNotContain("139-2222");
    }

    private static JsonObject followUp(String code) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints/status"))
                        .header("X-Claim-Code", code)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    @Test
    @Tag("security")
    void aReferencePreFiledByAnAnonymousCallerCannotSilenceTheHotlinesComplaint() throws Exception {
        String ref = "HOT-69016484";
        int before = published.size();
        HttpResponse<String> preFiled = post(
                complaint().put("description", "junk").put("externalRef", ref).encode());
        HttpResponse<String> escalated = post(complaint().put("escalated", true).encode());
        HttpResponse<String> asHotline =
                post(complaint().put("channel", "hotline").encode());
        HttpResponse<String> asMonitor =
                postAs(DutyServices.MONITOR, complaint().put("externalRef", ref).encode());
        HttpResponse<String> genuine = postAs(
                DutyServices.HOTLINE,
                complaint()
                        .put("category", "noise")
                        .put("channel", "hotline")
                        .put("externalRef", ref)
                        .put("escalated", true)
                        .encode());
        System.out.printf(
                "attack: anonymous complaint pre-filing hotline reference %s -> %d (%s); anonymous escalated -> %d, "
                        + "anonymous channel hotline -> %d, a monitor's token -> %d; the hotline's own complaint after -> %d%n",
                ref,
                preFiled.statusCode(),
                new JsonObject(preFiled.body()).getString("field"),
                escalated.statusCode(),
                asHotline.statusCode(),
                asMonitor.statusCode(),
                genuine.statusCode());
        assertThat(preFiled.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(preFiled.body()).getString("field")).isEqualTo("externalRef");
        assertThat(new JsonObject(escalated.body()).getString("field")).isEqualTo("escalated");
        assertThat(new JsonObject(asHotline.body()).getString("field")).isEqualTo("channel");
        assertThat(asMonitor.statusCode()).isEqualTo(403);
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(202);
        JsonObject receipt = new JsonObject(genuine.body());
        assertThat(receipt.getBoolean("duplicate")).isFalse();
        assertThat(receipt.getString("category")).isEqualTo("noise");
        awaitPublished(before + 1);
        assertThat(published.size() - before).as("complaints handed to the job").isEqualTo(1);
        JsonObject onTheWire = new JsonObject(published.get(published.size() - 1));
        assertThat(onTheWire.getString("id")).isEqualTo(receipt.getString("id"));
        assertThat(onTheWire.encode())
                .contains("\"channel\":\"hotline\"")
                .contains("\"escalated\":true")
                .doesNotContain("junk");

        HttpResponse<String> again = postAs(
                DutyServices.DUTY_OFFICER,
                complaint()
                        .put("category", "odour")
                        .put("channel", "hotline")
                        .put("externalRef", ref)
                        .encode());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getString("category"))
                .as("a duplicate echoes what was accepted")
                .isEqualTo("noise");
    }

    @Test
    @Tag("security")
    void wrongBearerTokensFromOneAddressAreSlowedAndThenNoTokenIsChecked() throws Exception {
        // A fresh address of its own, so that no other test's tries are counted.
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            String answer = RawHttp.exchange(
                    "127.0.4.1", duty.port(), "GET", "/api/v1/alerts", "Authorization: Bearer guess-" + i + "\r\n", "");
            int status = RawHttp.status(answer);
            unauthorized += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        int right = RawHttp.status(RawHttp.exchange(
                "127.0.4.1",
                duty.port(),
                "GET",
                "/api/v1/alerts",
                "Authorization: Bearer " + DutyServices.DUTY_OFFICER + "\r\n",
                ""));
        int elsewhere = RawHttp.status(RawHttp.exchange(
                "127.0.4.2",
                duty.port(),
                "GET",
                "/api/v1/alerts",
                "Authorization: Bearer " + DutyServices.DUTY_OFFICER + "\r\n",
                ""));
        System.out.printf(
                "attack: 30 wrong bearer tokens from one address -> %d x 401 then %d x 429; the right token "
                        + "from that address -> %d, from another -> %d%n",
                unauthorized, throttled, right, elsewhere);
        assertThat(unauthorized).isEqualTo(20);
        assertThat(throttled).isEqualTo(10);
        assertThat(right).as("past its tries an address gets no token checked").isEqualTo(429);
        assertThat(elsewhere).isEqualTo(200);
    }
}
