package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.AlertDeliveryPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Webhooks to a real receiving HTTP server: signed with each channel's secret, retried with backoff
 * while the receiver fails, given up on a refusal, routed by audience (the site's team, the duty
 * room, the duty leader for escalations), and every outcome visible through the API.
 */
class WebhookDeliveryIT {
    private static final String TEAM_SECRET = "fenggang-webhook-secret-0001";
    private static final String LEADER_SECRET = "leader-webhook-secret-000002";
    private static final String ROOM_SECRET = "duty-room-webhook-secret-003";

    /** What the receiver saw: path, headers of interest, body. */
    record Received(String path, String event, String delivery, String signature, byte[] body) {}

    @Test
    void signedRetriedRoutedAndVisible() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger teamCalls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/team", ex -> answer(ex, received, teamCalls.incrementAndGet() <= 2 ? 503 : 200));
        receiver.createContext("/leader", ex -> answer(ex, received, 204));
        receiver.createContext("/room", ex -> answer(ex, received, 400));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T18:00:00Z"));
        DutySettings settings = DutySettingsLoader.parse(
                "test",
                DutySettingsLoader.sampleText()
                        .replace("channels: []", """
                channels:
                  - id: fenggang-webhook
                    type: webhook
                    audience: team:team-fenggang
                    url: %s/team
                    secret: %s
                    maxAttempts: 5
                    firstRetryAfter: PT0.05S
                  - id: leader-webhook
                    type: webhook
                    audience: duty-leader
                    url: %s/leader
                    secret: %s
                  - id: room-webhook
                    type: webhook
                    audience: duty-room
                    url: %s/room
                    secretEnv: ROOM_SECRET
                """.formatted(base, TEAM_SECRET, base, LEADER_SECRET, base)),
                RegistryLoader.sample(),
                Map.of("ROOM_SECRET", ROOM_SECRET)::get);

        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("hooks");
            long opened = clock.millis() - 60_000;
            JobIncidents.write(
                    influxd,
                    "hooks",
                    JobIncidents.line(
                            "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 70.5, "HIGH", opened, ""));
            String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
            try (DutyService duty = DutyServices.on(influxd, "hooks")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                eventually(() -> teamCalls.get() >= 3 && paths(received).contains("/room"));

                List<Received> toTeam =
                        received.stream().filter(r -> r.path().equals("/team")).toList();
                assertThat(toTeam).as("two 503s, then accepted").hasSize(3);
                assertThat(toTeam)
                        .extracting(Received::delivery)
                        .as("one delivery id across retries")
                        .containsOnly(toTeam.get(0).delivery());
                for (Received r : toTeam) {
                    assertThat(r.event()).isEqualTo("alert.opened");
                    assertThat(WebhookSignature.verify(
                                    TEAM_SECRET, r.signature(), r.body(), clock.millis() / 1000, 300))
                            .isTrue();
                }
                Received accepted = toTeam.get(2);
                assertThat(WebhookSignature.verify(
                                LEADER_SECRET, accepted.signature(), accepted.body(), clock.millis() / 1000, 300))
                        .as("another channel's secret")
                        .isFalse();
                byte[] tampered = new String(accepted.body(), StandardCharsets.UTF_8)
                        .replace("70.5", "50.5")
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(WebhookSignature.verify(
                                TEAM_SECRET, accepted.signature(), tampered, clock.millis() / 1000, 300))
                        .as("a changed body")
                        .isFalse();
                assertThat(WebhookSignature.verify(
                                TEAM_SECRET, accepted.signature(), accepted.body(), clock.millis() / 1000 + 3600, 300))
                        .as("replayed an hour later")
                        .isFalse();
                JsonObject payload = new JsonObject(new String(accepted.body(), StandardCharsets.UTF_8));
                assertThat(payload.getJsonObject("alert").getString("id")).isEqualTo(id);
                assertThat(payload.getJsonObject("alert").getString("team")).isEqualTo("team-fenggang");
                assertThat(received.stream()
                                .filter(r -> r.path().equals("/room"))
                                .count())
                        .as("400: not retried")
                        .isEqualTo(1);
                assertThat(paths(received))
                        .as("nothing for the leader until an escalation")
                        .doesNotContain("/leader");

                eventually(() -> deliveries(api, "/api/v1/deliveries").size() == 2);
                JsonArray failed = deliveries(api, "/api/v1/deliveries?failed=true");
                assertThat(failed).hasSize(1);
                assertThat(failed.getJsonObject(0).getString("channel")).isEqualTo("room-webhook");
                assertThat(failed.getJsonObject(0).getString("error")).isEqualTo("HTTP 400");
                JsonObject toTeamOutcome =
                        api.object("/api/v1/alerts/" + id, DutyServices.MONITOR).getJsonArray("deliveries").stream()
                                .map(JsonObject.class::cast)
                                .filter(d -> d.getString("channel").equals("fenggang-webhook"))
                                .findFirst()
                                .orElseThrow();
                assertThat(toTeamOutcome.getString("status")).isEqualTo("delivered");
                assertThat(toTeamOutcome.getInteger("attempts")).isEqualTo(3);
                assertThat(api.object("/api/v1/health", null).getInteger("failedDeliveries"))
                        .isEqualTo(1);

                clock.advance(Duration.ofMinutes(5).plusSeconds(1));
                duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
                eventually(() -> paths(received).contains("/leader"));
                Received escalation = received.stream()
                        .filter(r -> r.path().equals("/leader"))
                        .findFirst()
                        .orElseThrow();
                assertThat(escalation.event()).isEqualTo("alert.escalated");
                assertThat(WebhookSignature.verify(
                                LEADER_SECRET, escalation.signature(), escalation.body(), clock.millis() / 1000, 300))
                        .isTrue();
                assertThat(new JsonObject(new String(escalation.body(), StandardCharsets.UTF_8))
                                .getJsonObject("alert")
                                .getJsonArray("breaches"))
                        .containsExactly("acknowledge");
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aNotificationInFlightWhenTheServiceStopsIsSentAgainAfterTheRestartAndOnlyThen() throws Exception {
        int port = LocalProcess.freePort();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T20:00:00Z"));
        DutySettings settings = DutySettingsLoader.parse(
                "test",
                DutySettingsLoader.sampleText().replace("channels: []", """
                channels:
                  - id: fenggang-webhook
                    type: webhook
                    audience: team:team-fenggang
                    url: http://127.0.0.1:%d/team
                    secret: %s
                    maxAttempts: 20
                    firstRetryAfter: PT60S
                """.formatted(port, TEAM_SECRET)),
                RegistryLoader.sample(),
                name -> null);
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("resend");
            long opened = clock.millis() - 60_000;
            JobIncidents.write(
                    influxd,
                    "resend",
                    JobIncidents.line(
                            "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 70.5, "HIGH", opened, ""));
            String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
            // The receiver is down: the first attempt fails and the next is a minute away when the service stops.
            try (DutyService first = DutyServices.on(influxd, "resend")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                first.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                assertThat(first.resentAtStart()).isZero();
            }
            List<Received> received = new CopyOnWriteArrayList<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            receiver.createContext("/team", ex -> answer(ex, received, 200));
            receiver.start();
            try {
                try (DutyService second = DutyServices.on(influxd, "resend")
                        .settings(settings)
                        .clock(clock)
                        .start()) {
                    assertThat(second.resentAtStart()).isEqualTo(1);
                    eventually(() -> received.size() == 1);
                    Received again = received.get(0);
                    assertThat(again.event()).isEqualTo("alert.opened");
                    assertThat(again.delivery()).startsWith(id + "/");
                    assertThat(WebhookSignature.verify(
                                    TEAM_SECRET, again.signature(), again.body(), clock.millis() / 1000, 300))
                            .isTrue();
                    eventually(() -> storedOutcomes(influxd) == 1);
                }
                try (DutyService third = DutyServices.on(influxd, "resend")
                        .settings(settings)
                        .clock(clock)
                        .start()) {
                    assertThat(third.resentAtStart())
                            .as("its outcome is on record now")
                            .isZero();
                }
                assertThat(received).hasSize(1);
            } finally {
                receiver.stop(0);
            }
        }
    }

    @Test
    void aMissedCaseDeadlineReachesTheOwnersSuperiorAndAboveTheHighestLeaderTheDutyLeader() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/branch", ex -> answer(ex, received, 204));
        receiver.createContext("/leader", ex -> answer(ex, received, 204));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T02:00:00Z"));
        DutySettings settings = DutySettingsLoader.parse(
                "test",
                DutySettingsLoader.sampleText()
                        .replace("channels: []", """
                channels:
                  - id: branch-chief-webhook
                    type: webhook
                    audience: leader:branch-chief
                    url: %s/branch
                    secret: %s
                  - id: leader-webhook
                    type: webhook
                    audience: duty-leader
                    url: %s/leader
                    secret: %s
                """.formatted(base, TEAM_SECRET, base, LEADER_SECRET)),
                RegistryLoader.sample(),
                name -> null);
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("casehooks");
            try (DutyService duty = DutyServices.on(influxd, "casehooks")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                String section = planned(api, clock, "FE-N01", 20);
                String city = planned(api, clock, "FE-N02", 900);
                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                assertThat(received).as("nothing before a deadline is missed").isEmpty();

                clock.advance(Duration.ofDays(2));
                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                eventually(() -> received.size() == 2);
                Received toBranch = received.stream()
                        .filter(r -> r.path().equals("/branch"))
                        .findFirst()
                        .orElseThrow();
                Received toLeader = received.stream()
                        .filter(r -> r.path().equals("/leader"))
                        .findFirst()
                        .orElseThrow();
                assertThat(List.of(toBranch.event(), toLeader.event())).containsOnly("case.escalated");
                assertThat(WebhookSignature.verify(
                                TEAM_SECRET, toBranch.signature(), toBranch.body(), clock.millis() / 1000, 300))
                        .isTrue();
                assertThat(WebhookSignature.verify(
                                LEADER_SECRET, toLeader.signature(), toLeader.body(), clock.millis() / 1000, 300))
                        .isTrue();
                JsonObject branchCase =
                        new JsonObject(new String(toBranch.body(), StandardCharsets.UTF_8)).getJsonObject("case");
                assertThat(branchCase.getString("id")).isEqualTo(section);
                assertThat(branchCase.getString("escalatedTo")).isEqualTo("branch-chief");
                // Written in the district's language and carried byte for byte as UTF-8.
                assertThat(branchCase.getString("note")).isEqualTo("整改期限 2026-11-22 10:00:00 已过");
                assertThat(new String(toBranch.body(), StandardCharsets.UTF_8))
                        .contains("\"note\":\"整改期限 2026-11-22 10:00:00 已过\"");
                JsonObject cityCase =
                        new JsonObject(new String(toLeader.body(), StandardCharsets.UTF_8)).getJsonObject("case");
                assertThat(cityCase.getString("id")).isEqualTo(city);
                assertThat(cityCase.getString("escalatedTo")).isEqualTo("duty-leader");
                assertThat(cityCase.getString("note")).endsWith("；包案领导无上级，已升级至带班领导");
                eventually(() -> deliveries(api, "/api/v1/deliveries").size() == 2);

                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                Thread.sleep(300);
                assertThat(received).as("once per missed deadline").hasSize(2);
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** A case about {@code source} with a plan due a day from now; its id. */
    private static String planned(Api api, MovableClock clock, String source, int households) throws Exception {
        String id = new JsonObject(api.post(
                                "/api/v1/cases",
                                DutyServices.FENGGANG_SQUAD,
                                "{\"town\":\"fenggang\"," + "\"source\":\"" + source
                                        + "\",\"cause\":\"night work\",\"households\":" + households + "}")
                        .body())
                .getString("id");
        HttpResponse<String> plan = api.post(
                "/api/v1/cases/" + id + "/plan",
                DutyServices.FENGGANG_SQUAD,
                "{\"opinion\":\"enclose it\",\"deadline\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        return id;
    }

    private static int storedOutcomes(LocalInfluxd influxd) {
        try {
            return new InfluxQlRows(InfluxSettings.v1(influxd.url(), "resend"))
                    .rows(InfluxQl.selectAll(AlertDeliveryPoint.MEASUREMENT))
                    .size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void answer(HttpExchange ex, List<Received> received, int status) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        received.add(new Received(
                ex.getHttpContext().getPath(),
                ex.getRequestHeaders().getFirst("X-EnvWatch-Event"),
                ex.getRequestHeaders().getFirst("X-EnvWatch-Delivery"),
                ex.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                body));
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private static List<String> paths(List<Received> received) {
        return received.stream().map(Received::path).toList();
    }

    private static JsonArray deliveries(Api api, String path) {
        try {
            return api.list(path, DutyServices.MONITOR);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for something the service does on its own (deliveries are asynchronous), up to 15 s. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
