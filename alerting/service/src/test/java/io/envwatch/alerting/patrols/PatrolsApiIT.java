package io.envwatch.alerting.patrols;

import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.HOTLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.notifications.ProviderStub;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grid patrols through the real duty service on a real influxd, on the sample settings' two
 * Fenggang grids: the officer checks in where the phone places them (too far, too uncertain, twice,
 * another's grid are refused), a round whose time ran out is flagged to the duty room through its
 * channel once, across a restart too, and a late check-in turns it late; findings with a photo and
 * an information officer's early report reach the duty room; field staff reach nothing else.
 */
public class PatrolsApiIT {
    static final String FENGDELING = "fengdeling-grid-demo-token";
    static final String YANTIAN = "yantian-grid-demo-token";
    static final String INFORMANT = "yantian-information-demo-token";

    /** 7 December 2026, 08:35 in Dongguan: Fengdeling's 08:30 round is under way, Yantian's 07:00 one too. */
    static final Instant START = Instant.parse("2026-12-07T00:35:00Z");

    static final String GATE = "\"lat\": 22.7326, \"lon\": 114.1256, \"accuracy\": 12";
    static final String WORKS = "\"lat\": 22.7321, \"lon\": 114.1246, \"accuracy\": 8";

    /** The demo settings with the photos kept in {@code photos} and a webhook to the city duty room at {@code hookUrl}/hook. */
    public static String settingsText(Path photos, String hookUrl) {
        return DutySettingsLoader.sampleText()
                .replace("patrols:\n", "patrols:\n  photos: " + photos + "\n")
                .replace("channels: []", """
                        channels:
                          - {id: city-room-hook, type: webhook, audience: duty-room, url: "%s/hook",
                             secret: a-test-secret-of-thirty-two-chars!}
                        """.formatted(hookUrl));
    }

    public static DutySettings settings(Path photos, String hookUrl) {
        return DutySettingsLoader.parse(
                "test", settingsText(photos, hookUrl), RegistryLoader.sample(), Map.<String, String>of()::get);
    }

    static String checkIn(String grid, String point, String where, long clientTime) {
        return "{\"grid\": \"%s\", \"point\": \"%s\", %s, \"clientTime\": %d}"
                .formatted(grid, point, where, clientTime);
    }

    @Test
    void theOfficerWalksTheRoundAMissedRoundIsFlaggedOnceAndALateCheckInMakesItLate(@TempDir Path photos)
            throws Exception {
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("patrols");
            MovableClock clock = new MovableClock(START);
            DutySettings settings = settings(photos, hooks.url());
            try (DutyService duty = DutyServices.on(influxd, "patrols")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                JsonObject today = api.object("/api/v1/patrols/today", FENGDELING);
                assertThat(today.getString("date")).isEqualTo("2026-12-07");
                JsonArray grids = today.getJsonArray("grids");
                assertThat(grids).hasSize(1);
                JsonObject grid = grids.getJsonObject(0);
                assertThat(grid.getString("id")).isEqualTo("FG-FENGDELING-1");
                assertThat(grid.getBoolean("walks")).isTrue();
                assertThat(grid.getJsonArray("rounds").getJsonObject(0).getString("status"))
                        .isEqualTo("under-way");

                long phone = clock.millis() - 40_000; // the phone's clock runs 40 s behind
                HttpResponse<String> far = api.post(
                        "/api/v1/patrols/check-ins",
                        FENGDELING,
                        checkIn("FG-FENGDELING-1", "gate", "\"lat\": 22.75, \"lon\": 114.13, \"accuracy\": 10", phone));
                assertThat(far.statusCode()).isEqualTo(422);
                assertThat(new JsonObject(far.body()).getString("error"))
                        .matches("you are \\d{4} m from 凤德岭村口: check in within 150 m of it");
                HttpResponse<String> vague = api.post(
                        "/api/v1/patrols/check-ins",
                        FENGDELING,
                        checkIn(
                                "FG-FENGDELING-1",
                                "gate",
                                "\"lat\": 22.7325, \"lon\": 114.1255, \"accuracy\": 900",
                                phone));
                assertThat(vague.statusCode()).isEqualTo(422);

                HttpResponse<String> gate = api.post(
                        "/api/v1/patrols/check-ins", FENGDELING, checkIn("FG-FENGDELING-1", "gate", GATE, phone));
                assertThat(gate.statusCode()).as(gate.body()).isEqualTo(201);
                assertThat(new JsonObject(gate.body()).getLong("distance")).isLessThan(20);
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        FENGDELING,
                                        checkIn("FG-FENGDELING-1", "gate", GATE, phone))
                                .statusCode())
                        .as("once a round at a point")
                        .isEqualTo(409);
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        YANTIAN,
                                        checkIn("FG-FENGDELING-1", "gate", GATE, phone))
                                .statusCode())
                        .as("another officer's grid: not theirs to know of")
                        .isEqualTo(404);
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        INFORMANT,
                                        checkIn(
                                                "FG-YANTIAN-1",
                                                "square",
                                                "\"lat\": 22.7395, \"lon\": 114.14, \"accuracy\": 5",
                                                phone))
                                .statusCode())
                        .as("an information officer reports, the grid officer walks")
                        .isEqualTo(403);
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        FENGDELING,
                                        checkIn(
                                                "FG-FENGDELING-1",
                                                "gate",
                                                "\"lat\": \"22.7\", \"lon\": 114.1, \"accuracy\": 5",
                                                phone))
                                .statusCode())
                        .isEqualTo(400);

                // Two hours on: Fengdeling's round ran out with the works unvisited; Yantian's 07:00 one
                // ran out before the grid's patrols began (this first start), so it was nobody's.
                clock.advance(Duration.ofMinutes(116)); // 10:31
                assertThat(duty.judgePatrolsNow().get(10, TimeUnit.SECONDS)).isEqualTo(1);
                ProviderStub.eventually(() -> hooks.received.size() == 1);
                JsonObject told = new JsonObject(hooks.received.get(0).body());
                assertThat(told.getString("event")).isEqualTo("patrol.missed");
                assertThat(told.getJsonObject("patrol").getString("grid")).isEqualTo("FG-FENGDELING-1");
                assertThat(told.getJsonObject("patrol").getJsonArray("unvisited"))
                        .containsExactly("metalworks");
                assertThat(duty.judgePatrolsNow().get(10, TimeUnit.SECONDS))
                        .as("flagged once")
                        .isZero();
                assertThat(rounds(api)).contains("FG-FENGDELING-1 08:30 missed flagged");

                clock.advance(Duration.ofMinutes(9)); // 10:40: the officer gets there late
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        FENGDELING,
                                        checkIn("FG-FENGDELING-1", "metalworks", WORKS, phone))
                                .statusCode())
                        .isEqualTo(201);
                assertThat(duty.judgePatrolsNow().get(10, TimeUnit.SECONDS)).isZero();
                assertThat(rounds(api)).contains("FG-FENGDELING-1 08:30 late flagged");
            }
            try (DutyService duty = DutyServices.on(influxd, "patrols")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                assertThat(duty.resentAtStart())
                        .as("the flag was delivered before the restart")
                        .isZero();
                assertThat(duty.judgePatrolsNow().get(10, TimeUnit.SECONDS)).isZero();
                assertThat(rounds(api)).contains("FG-FENGDELING-1 08:30 late flagged");
                assertThat(api.post(
                                        "/api/v1/patrols/check-ins",
                                        FENGDELING,
                                        checkIn("FG-FENGDELING-1", "gate", GATE, clock.millis()))
                                .statusCode())
                        .as("the check-ins are read back")
                        .isEqualTo(409);

                clock.advance(Duration.ofHours(12)); // 22:40: Yantian's 22:00 round, its first, is under way
                assertThat(duty.judgePatrolsNow().get(10, TimeUnit.SECONDS))
                        .as("Fengdeling's evening round ran out too; Yantian's is in time")
                        .isEqualTo(1);
                ProviderStub.eventually(() -> hooks.received.size() == 2);
                assertThat(hooks.received).hasSize(2);
            }
        }
    }

    @Test
    void findingsWithPhotosAndEarlyReportsReachTheDutyRoomAndFieldStaffReachNothingElse(@TempDir Path photos)
            throws Exception {
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("findings");
            MovableClock clock = new MovableClock(START);
            try (DutyService duty = DutyServices.on(influxd, "findings")
                    .settings(settings(photos, hooks.url()))
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                byte[] jpeg = jpeg();
                HttpResponse<String> filed = api.post("/api/v1/patrols/findings", FENGDELING, """
                        {"grid": "FG-FENGDELING-1", "category": "odour", "text": "刺鼻气味，金属表面处理厂后门有废水外流",
                         %s, "clientTime": %d, "photo": "%s"}""".formatted(
                                WORKS, clock.millis(), Base64.getEncoder().encodeToString(jpeg)));
                assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
                JsonObject finding = new JsonObject(filed.body());
                assertThat(finding.getString("id")).matches("F-[0-9A-Z]+");
                assertThat(finding.getString("kind")).isEqualTo("finding");
                assertThat(finding.getString("village")).isEqualTo("FG-FENGDELING");
                String hash = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
                assertThat(finding.getString("photo")).isEqualTo(hash);
                assertThat(Files.readAllBytes(photos.resolve(hash))).isEqualTo(jpeg);

                HttpResponse<String> early =
                        api.post("/api/v1/patrols/findings", INFORMANT, """
                        {"grid": "FG-YANTIAN-1", "category": "noise", "text": "塑胶厂今晚要赶货，村民说要投诉",
                         "lat": 22.7396, "lon": 114.1401, "accuracy": 20, "clientTime": %d}""".formatted(clock.millis()));
                assertThat(early.statusCode()).as(early.body()).isEqualTo(201);
                assertThat(new JsonObject(early.body()).getString("kind")).isEqualTo("early-report");

                JsonArray listed = api.list("/api/v1/patrols/findings?date=2026-12-07", DUTY_OFFICER);
                assertThat(listed.stream()
                                .map(f -> ((JsonObject) f).getString("kind") + " " + ((JsonObject) f).getString("by")))
                        .containsExactly("early-report yantian-information-officer", "finding fengdeling-grid-officer");
                HttpResponse<byte[]> photo = api.bytes("/api/v1/patrols/photos/" + hash, DUTY_OFFICER);
                assertThat(photo.statusCode()).isEqualTo(200);
                assertThat(photo.body()).isEqualTo(jpeg);
                assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");

                // Bad input, each with its reason; nothing stored for any of it.
                String base = "\"grid\": \"FG-FENGDELING-1\", %s, \"clientTime\": %d".formatted(WORKS, clock.millis());
                for (String bad : List.of(
                        "{" + base + ", \"category\": \"fire\", \"text\": \"x\"}",
                        "{" + base + ", \"category\": \"odour\", \"text\": \"x\", \"photo\": \"not base64!\"}",
                        "{" + base + ", \"category\": \"odour\", \"text\": \"x\", \"photo\": \""
                                + Base64.getEncoder().encodeToString("<svg onload=alert(1)>".getBytes()) + "\"}",
                        "{" + base + ", \"category\": \"odour\", \"text\": \"   \"}",
                        "{" + base + ", \"category\": \"odour\", \"text\": \"x\", \"officer\": \"someone else\"}")) {
                    HttpResponse<String> refused = api.post("/api/v1/patrols/findings", FENGDELING, bad);
                    assertThat(refused.statusCode())
                            .as(bad + " -> " + refused.body())
                            .isEqualTo(400);
                }
                HttpResponse<String> huge = api.post(
                        "/api/v1/patrols/findings",
                        FENGDELING,
                        "{" + base + ", \"category\": \"odour\", \"text\": \"x\", \"photo\": \""
                                + "A".repeat(PatrolsApi.MAX_FINDING_BYTES) + "\"}");
                assertThat(huge.statusCode()).isEqualTo(413);
                assertThat(api.post(
                                        "/api/v1/patrols/findings",
                                        YANTIAN,
                                        "{" + base + ", \"category\": \"odour\", \"text\": \"x\"}")
                                .statusCode())
                        .as("another's grid")
                        .isEqualTo(404);
                assertThat(api.list("/api/v1/patrols/findings?date=2026-12-07", DUTY_OFFICER))
                        .hasSize(2);

                // Field staff: who they are and their patrols, nothing of the district's.
                for (String path : List.of(
                        "/api/v1/alerts",
                        "/api/v1/complaints",
                        "/api/v1/cases",
                        "/api/v1/map",
                        "/api/v1/villages",
                        "/api/v1/patrols/rounds",
                        "/api/v1/patrols/findings",
                        "/api/v1/patrols/photos/" + hash,
                        "/api/v1/patrols/../alerts")) {
                    HttpResponse<String> refused = api.get(path, FENGDELING);
                    assertThat(refused.statusCode()).as(path).isEqualTo(403);
                    assertThat(refused.body()).as(path).doesNotContain("FE-N0");
                }
                assertThat(api.object("/api/v1/whoami", INFORMANT).getString("role"))
                        .isEqualTo("information-officer");
                assertThat(api.list("/api/v1/patrols/findings?date=2026-12-07", HOTLINE))
                        .as("a hotline operator in the city room reads them, as everyone but field staff")
                        .hasSize(2);

                // A photo altered where it is kept is not handed out as evidence.
                Files.write(photos.resolve(hash), "altered".getBytes());
                assertThat(api.bytes("/api/v1/patrols/photos/" + hash, DUTY_OFFICER)
                                .statusCode())
                        .isEqualTo(409);
            }
        }
    }

    @Test
    void aFindingOpensACaseAndALaterOneReopensItAfterItsCloseOutAcrossARestart(@TempDir Path photos) throws Exception {
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("evidence");
            MovableClock clock = new MovableClock(START);
            DutySettings settings = settings(photos, hooks.url());
            String caseId;
            try (DutyService duty = DutyServices.on(influxd, "evidence")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                String first = file(api, clock, "metal dust and a sour smell at the works' back gate");
                HttpResponse<String> opened = api.post("/api/v1/cases", DUTY_OFFICER, """
                        {"town": "fenggang", "source": "FE-O01", "cause": "acid mist from the pickling line",
                         "households": 20, "patrolFinding": "%s"}""".formatted(first));
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                JsonObject c = new JsonObject(opened.body());
                caseId = c.getString("id");
                assertThat(c.getJsonArray("patrolFindings")).containsExactly(first);
                assertThat(api.post(
                                        "/api/v1/cases/" + caseId + "/finding",
                                        DUTY_OFFICER,
                                        "{\"patrolFinding\": \"" + first + "\"}")
                                .statusCode())
                        .as("one finding, one case")
                        .isEqualTo(409);
                assertThat(api.post(
                                        "/api/v1/cases/" + caseId + "/finding",
                                        DUTY_OFFICER,
                                        "{\"patrolFinding\": \"F-NOPE\"}")
                                .statusCode())
                        .isEqualTo(404);
                assertThat(api.post(
                                        "/api/v1/cases/" + caseId + "/finding",
                                        FENGDELING,
                                        "{\"patrolFinding\": \"" + first + "\"}")
                                .statusCode())
                        .as("field staff reach no case")
                        .isEqualTo(403);

                assertThat(api.post(
                                        "/api/v1/cases/" + caseId + "/plan",
                                        DUTY_OFFICER,
                                        "{\"opinion\": \"enclose the line\", \"deadline\": \""
                                                + clock.instant().plus(Duration.ofDays(10)) + "\"}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/api/v1/cases/" + caseId + "/verify", DUTY_OFFICER, "{}")
                                .statusCode())
                        .isEqualTo(200);
                clock.advance(Duration.ofDays(31));
                HttpResponse<String> closed =
                        api.post("/api/v1/cases/" + caseId + "/close-out", DutyServices.SECTION_CHIEF, "{}");
                assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
                assertThat(new JsonObject(closed.body()).getString("state")).isEqualTo("closed-out");
            }
            clock.advance(Duration.ofDays(5));
            try (DutyService duty = DutyServices.on(influxd, "evidence")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                String second = file(api, clock, "the smell is back after dark");
                HttpResponse<String> reopened = api.post(
                        "/api/v1/cases/" + caseId + "/finding",
                        DutyServices.FENGGANG_SQUAD,
                        "{\"patrolFinding\": \"" + second + "\"}");
                assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
                assertThat(new JsonObject(reopened.body()).getString("state")).isEqualTo("open");
            }
            try (DutyService duty = DutyServices.on(influxd, "evidence")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                JsonObject detail = new Api(duty).object("/api/v1/cases/" + caseId, DUTY_OFFICER);
                assertThat(detail.getString("state"))
                        .as("read back from the stored events")
                        .isEqualTo("open");
                assertThat(detail.getJsonArray("patrolFindings")).hasSize(2);
                assertThat(detail.getJsonArray("timeline").stream()
                                .map(e -> ((JsonObject) e).getString("action"))
                                .toList())
                        .containsExactly("opened", "rectifying", "verifying", "closed-out", "reopened");
            }
        }
    }

    private static String file(Api api, MovableClock clock, String text) throws Exception {
        HttpResponse<String> filed = api.post(
                "/api/v1/patrols/findings",
                FENGDELING,
                "{\"grid\": \"FG-FENGDELING-1\", \"category\": \"odour\", \"text\": \"%s\", %s, \"clientTime\": %d}"
                        .formatted(text, WORKS, clock.millis()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        return new JsonObject(filed.body()).getString("id");
    }

    @Test
    void aRealCredentialFilesAtMostTheDaysFindings(@TempDir Path photos) throws Exception {
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("flood");
            MovableClock clock = new MovableClock(START);
            try (DutyService duty = DutyServices.on(influxd, "flood")
                    .settings(settings(photos, hooks.url()))
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                String body =
                        "{\"grid\": \"FG-FENGDELING-1\", \"category\": \"other\", \"text\": \"x\", %s, \"clientTime\": %d}"
                                .formatted(GATE, clock.millis());
                // Photos refused cost none of the day's findings.
                for (int i = 0; i < 3; i++) {
                    assertThat(api.post(
                                            "/api/v1/patrols/findings",
                                            FENGDELING,
                                            body.replace(
                                                    "}",
                                                    ", \"photo\": \""
                                                            + Base64.getEncoder()
                                                                    .encodeToString("GIF89a".getBytes())
                                                            + "\"}"))
                                    .statusCode())
                            .isEqualTo(400);
                }
                List<Integer> statuses = java.util.stream.IntStream.range(0, Patrols.FINDINGS_PER_DAY + 5)
                        .parallel()
                        .mapToObj(i -> {
                            try {
                                return api.post("/api/v1/patrols/findings", FENGDELING, body)
                                        .statusCode();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList();
                assertThat(statuses.stream().filter(s -> s == 201)).hasSize(Patrols.FINDINGS_PER_DAY);
                assertThat(statuses.stream().filter(s -> s == 409)).hasSize(5);
                assertThat(api.list("/api/v1/patrols/findings?date=2026-12-07", DUTY_OFFICER))
                        .hasSize(Patrols.FINDINGS_PER_DAY);
                clock.advance(Duration.ofDays(1));
                assertThat(api.post("/api/v1/patrols/findings", FENGDELING, body)
                                .statusCode())
                        .as("a new day")
                        .isEqualTo(201);
            }
        }
    }

    private static List<String> rounds(Api api) throws Exception {
        return api.list("/api/v1/patrols/rounds?date=2026-12-07", DUTY_OFFICER).stream()
                .map(o -> (JsonObject) o)
                .map(r -> r.getString("grid") + " " + r.getString("start") + " " + r.getString("status")
                        + (r.getBoolean("flagged") ? " flagged" : ""))
                .toList();
    }

    /** A small real JPEG, as a phone's page sends it. */
    static byte[] jpeg() throws Exception {
        var image = new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff8800);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
