package io.envwatch.infra.places;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.notifications.ProviderStub;
import io.envwatch.alerting.patrols.PatrolsApiIT;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.EnvWatchJob;
import io.envwatch.stream.storage.PointSinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season of Fenggang and its three villages, end to end. The hotline's complaints of October to
 * December go through the job (placed in their villages, decided, stored); then the duty service
 * lives through November on a moved clock: a grid officer's round missed and told to the duty
 * room, a finding that opens a case, the month's ranking, 雁田村 entering special supervision on
 * its risen complaints, the case closed out and reopened by a later finding, and 雁田村 released
 * once its complaints fell.
 */
class TownMonthIT {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    /** Where complaints of each village are made: inside it, away from the others. */
    private static final Map<String, double[]> IN = Map.of(
            "FG-YANTIAN", new double[] {22.7400, 114.1420},
            "FG-FENGDELING", new double[] {22.7300, 114.1220},
            "FG-SANLIAN", new double[] {22.7560, 114.1290});

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(LOCAL).toInstant();
    }

    @Test
    void aSeasonOfThreeVillagesThroughTheJobAndTheDutyService(@TempDir Path photos) throws Exception {
        List<Complaint> complaints = new ArrayList<>();
        complain(complaints, "FG-YANTIAN", 2026, 10, 2);
        complain(complaints, "FG-FENGDELING", 2026, 10, 3);
        complain(complaints, "FG-SANLIAN", 2026, 10, 1);
        complain(complaints, "FG-YANTIAN", 2026, 11, 6);
        complain(complaints, "FG-FENGDELING", 2026, 11, 2);
        complain(complaints, "FG-YANTIAN", 2026, 12, 1);
        List<MqttPayload> messages = complaints.stream()
                .map(c -> new MqttPayload(
                        ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), c.receivedAt))
                .toList();
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("season");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            new EnvWatchJob(
                            new DataGeneratorSource<>(
                                    index -> messages.get(index.intValue()),
                                    messages.size(),
                                    RateLimiterStrategy.perSecond(200),
                                    TypeInformation.of(MqttPayload.class)),
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "season")),
                            REGISTRY,
                            new ReadingCodec(REGISTRY))
                    .build(env);
            env.execute("a season of Fenggang");

            MovableClock clock = new MovableClock(local(2026, 11, 3, 8, 0));
            DutySettings settings = settings(photos, hooks.url());
            String caseId;
            try (DutyService duty = DutyServices.on(influxd, "season")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                // 3 November: the Fengdeling officer checks in at the gate only; at 10:31 the round has
                // run out, and Yantian's 07:00 one was never walked: the duty room is told of both.
                clock.advance(Duration.ofMinutes(40));
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        "fengdeling-grid-demo-token",
                                        "{\"grid\":\"FG-FENGDELING-1\",\"point\":\"gate\",\"lat\":22.7326,\"lon\":114.1256,"
                                                + "\"accuracy\":10,\"clientTime\":" + clock.millis() + "}")
                                .statusCode())
                        .isEqualTo(201);
                clock.advance(Duration.ofMinutes(111));
                duty.judgePatrolsNow().get(10, TimeUnit.SECONDS);
                ProviderStub.eventually(() -> told(hooks, "patrol.missed").size() == 2);
                assertThat(told(hooks, "patrol.missed"))
                        .extracting(p ->
                                p.getString("grid") + " " + p.getString("start") + " " + p.getJsonArray("unvisited"))
                        .containsExactlyInAnyOrder(
                                "FG-FENGDELING-1 08:30 [\"metalworks\"]",
                                "FG-YANTIAN-1 07:00 [\"plastics\",\"square\"]");

                // At 10:40 the officer finds acid mist at the works; the duty room opens a case from it.
                clock.advance(Duration.ofMinutes(9));
                String first = finding(api, clock, "酸雾从后门飘出");
                HttpResponse<String> opened = api.post(
                        "/api/v1/cases",
                        DutyServices.DUTY_OFFICER,
                        "{\"town\":\"fenggang\",\"source\":\"FE-O01\",\"cause\":\"pickling line acid mist\","
                                + "\"households\":20,\"patrolFinding\":\"" + first + "\"}");
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                caseId = new JsonObject(opened.body()).getString("id");
                step(
                        api,
                        caseId,
                        "plan",
                        "{\"opinion\":\"enclose the line\",\"deadline\":\""
                                + clock.instant().plus(Duration.ofDays(10)) + "\"}");
                step(api, caseId, "verify", "{}");

                // 1 December: November checked. 雁田村's complaints tripled: special supervision.
                clock.advance(Duration.between(clock.instant(), local(2026, 12, 1, 9, 0)));
                duty.pollCasesNow().get(20, TimeUnit.SECONDS);
                JsonArray november = api.list("/api/v1/villages?month=2026-11", DutyServices.DUTY_OFFICER);
                assertThat(november.stream()
                                .map(v -> (JsonObject) v)
                                .map(v -> v.getString("village") + " " + v.getLong("complaints")))
                        .containsExactly("FG-YANTIAN 6", "FG-FENGDELING 2", "FG-SANLIAN 0");
                assertThat(november.getJsonObject(1).getLong("casesOpened"))
                        .as("the case from the finding")
                        .isEqualTo(1);
                JsonObject yantian = supervision(api, "FG-YANTIAN");
                assertThat(yantian.getBoolean("supervised")).isTrue();
                assertThat(yantian.getString("reasons")).contains("complaints rose from 2 to 6");
                assertThat(supervision(api, "FG-FENGDELING").getBoolean("supervised"))
                        .isFalse();

                // 4 December: a month quiet since the finding; the section chief closes the case out.
                clock.advance(Duration.ofDays(3));
                step(api, caseId, "close-out", "{}", DutyServices.SECTION_CHIEF);
            }
            try (DutyService duty = DutyServices.on(influxd, "season")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                // 5 December, after a restart: the officer finds it again; taken in, the case reopens.
                clock.advance(Duration.ofDays(1));
                String again = finding(api, clock, "后门又有酸雾");
                HttpResponse<String> reopened = api.post(
                        "/api/v1/cases/" + caseId + "/finding",
                        DutyServices.FENGGANG_SQUAD,
                        "{\"patrolFinding\":\"" + again + "\"}");
                assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
                assertThat(new JsonObject(reopened.body()).getString("state")).isEqualTo("open");

                // 1 January: December checked. 雁田村's complaints fell: released.
                clock.advance(Duration.between(clock.instant(), local(2027, 1, 1, 9, 0)));
                duty.pollCasesNow().get(20, TimeUnit.SECONDS);
                JsonObject released = supervision(api, "FG-YANTIAN");
                assertThat(released.getBoolean("supervised")).isFalse();
                assertThat(released.getString("releasedOn")).isEqualTo("2027-01-01");
                assertThat(api.list("/api/v1/villages?month=2026-12", DutyServices.DUTY_OFFICER)
                                .getJsonObject(0)
                                .getString("village"))
                        .isEqualTo("FG-YANTIAN");
            }
            assertThat(told(hooks, "patrol.missed").stream()
                            .filter(p -> p.getString("date").equals("2026-11-03")))
                    .as("the missed rounds of 3 November, told once across the restart")
                    .hasSize(2);
        }
    }

    /** {@code count} hotline complaints in the village, on the 5th, 8th, 11th, ... of the month at 22:00. */
    private static void complain(List<Complaint> into, String village, int year, int month, int count) {
        for (int i = 0; i < count; i++) {
            Complaint c = new Complaint();
            c.id = village + "-" + year + "-" + month + "-" + i;
            c.category = "noise";
            double[] at = IN.get(village);
            // Apart from each other, so that no two are about the same place.
            c.lat = at[0] + 0.0006 * i;
            c.lon = at[1];
            c.observedAt = local(year, month, 2 + 3 * i, 22, 0).toEpochMilli();
            c.receivedAt = c.observedAt + 600_000;
            c.channel = "hotline";
            c.town = "fenggang";
            c.description = "机器声太吵";
            into.add(c);
        }
        into.sort(java.util.Comparator.comparingLong(x -> x.observedAt));
    }

    private static DutySettings settings(Path photos, String hooks) {
        String text =
                PatrolsApiIT.settingsText(photos, hooks).replace("releaseAfterMonths: 2", "releaseAfterMonths: 1");
        return DutySettingsLoader.parse("season", text, REGISTRY, Map.<String, String>of()::get);
    }

    private static List<JsonObject> told(ProviderStub hooks, String event) {
        return hooks.received.stream()
                .map(r -> new JsonObject(r.body()))
                .filter(b -> event.equals(b.getString("event")))
                .map(b -> b.getJsonObject(event.substring(0, event.indexOf('.'))))
                .toList();
    }

    private static String finding(Api api, MovableClock clock, String text) throws Exception {
        HttpResponse<String> filed = api.post(
                "/api/v1/patrols/findings",
                "fengdeling-grid-demo-token",
                "{\"grid\":\"FG-FENGDELING-1\",\"category\":\"odour\",\"text\":\"" + text + "\","
                        + "\"lat\":22.7321,\"lon\":114.1246,\"accuracy\":8,\"clientTime\":" + clock.millis() + "}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        return new JsonObject(filed.body()).getString("id");
    }

    private static void step(Api api, String caseId, String verb, String body) throws Exception {
        step(api, caseId, verb, body, DutyServices.DUTY_OFFICER);
    }

    private static void step(Api api, String caseId, String verb, String body, String token) throws Exception {
        HttpResponse<String> done = api.post("/api/v1/cases/" + caseId + "/" + verb, token, body);
        assertThat(done.statusCode()).as(verb + ": " + done.body()).isEqualTo(200);
    }

    private static JsonObject supervision(Api api, String village) throws Exception {
        return api.list("/api/v1/supervision", DutyServices.DUTY_OFFICER).stream()
                .map(v -> (JsonObject) v)
                .filter(v -> v.getString("village").equals(village))
                .findFirst()
                .orElseThrow();
    }
}
