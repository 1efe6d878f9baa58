package io.envwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.claims.ClaimCodes;
import io.envwatch.district.schema.CaseEventPoint;
import io.envwatch.district.schema.CaseStatePoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.TipEventPoint;
import io.envwatch.district.schema.TipStatePoint;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duty service fails fast and recovers whole: a start that cannot go on ends the process with
 * status 1 and one line to check (a supervisor restarts it, rather than watching a live process
 * that never listens); a recovery of hundreds of cases over a slow link takes as long as it takes;
 * every board point is rebuilt from the events.
 */
@Tag("security")
class DutyServiceStartIT {
    @TempDir
    Path folder;

    @Test
    void anUnreachableInfluxDbEndsTheProcessWithOneLineSayingWhatToCheck() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "ENVWATCH_DEMO",
                    "true",
                    "ENVWATCH_DUTY_PORT",
                    "0",
                    "ENVWATCH_MQTT_URL",
                    broker.url(),
                    "ENVWATCH_INFLUX_URL",
                    "http://127.0.0.1:" + closedPort()));
            Ended ended = runMain(env);
            System.out.printf(
                    "attack: InfluxDB unreachable at start -> exit %d: %s%n", ended.status(), ended.lastLine());
            assertThat(ended.status()).isEqualTo(1);
            assertThat(ended.lastLine())
                    .startsWith("duty service did not start: recovering the duty room from InfluxDB")
                    .contains("check ENVWATCH_INFLUX_URL");
        }
    }

    @Test
    void withoutSettingsOnlyADemoStartsAndAShippedDemoTokenIsRefusedInADeployment() throws Exception {
        Ended noSettings = runMain(new HashMap<>(Map.of("ENVWATCH_DUTY_PORT", "0")));
        assertThat(noSettings.status()).isEqualTo(1);
        assertThat(noSettings.lastLine()).contains("no duty settings").contains("ENVWATCH_DUTY_SETTINGS");

        Path settings = folder.resolve("duty.yaml");
        Files.writeString(settings, DutySettingsLoader.sampleText());
        Ended published = runMain(
                new HashMap<>(Map.of("ENVWATCH_DUTY_PORT", "0", "ENVWATCH_DUTY_SETTINGS", settings.toString())));
        System.out.printf(
                "attack: the demo's published tokens in a deployment's settings -> exit %d: %s%n",
                published.status(),
                published
                        .output()
                        .lines()
                        .filter(l -> l.contains("staff[0]"))
                        .findFirst()
                        .orElse(""));
        assertThat(published.status()).isEqualTo(1);
        assertThat(published.output())
                .contains("line 20 staff[0].tokenSha256: this is a token of the demo settings")
                .contains("tips.key: this is the demo settings' tip key")
                .contains("check ENVWATCH_DUTY_SETTINGS");
    }

    @Test
    void sevenHundredCasesRecoverOverASlowLinkWithEveryBoardPointAndATipsBoardCatchesUpWithItsEvents()
            throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("recovery");
            List<String> lines = new ArrayList<>();
            long t0 = System.currentTimeMillis() * 1_000_000L - 3_600_000_000_000L;
            for (int i = 0; i < 700; i++) {
                lines.add(new CaseEventPoint(
                                "fenggang",
                                "opened",
                                "CASE-" + i,
                                "open",
                                "fenggang-squad",
                                "FE-N01",
                                "night grinding",
                                20,
                                "",
                                List.of(),
                                "fenggang-section-chief",
                                "section-chief",
                                "",
                                0,
                                "",
                                "",
                                "",
                                "",
                                "",
                                0,
                                List.of(),
                                null,
                                null,
                                0,
                                t0 + i)
                        .toLine());
            }
            // A tip paid, whose board point was left at claimed by a crash between the event and the board.
            String hash = ClaimCodes.issue("TIP-PAIDPAIDPAID").storedHash();
            lines.add(new TipEventPoint(
                            "fenggang",
                            "hidden-discharge-pipe",
                            "received",
                            "TIP-PAIDPAIDPAID",
                            "received",
                            "tipster",
                            hash,
                            null,
                            null,
                            0,
                            t0)
                    .toLine());
            lines.add(new TipEventPoint(
                            "fenggang",
                            "hidden-discharge-pipe",
                            "claimed",
                            "TIP-PAIDPAIDPAID",
                            "claimed",
                            "tipster",
                            null,
                            null,
                            null,
                            5000,
                            t0 + 1000)
                    .toLine());
            lines.add(new TipStatePoint(
                            "fenggang",
                            "hidden-discharge-pipe",
                            "TIP-PAIDPAIDPAID",
                            "claimed",
                            false,
                            true,
                            5000,
                            -1,
                            t0)
                    .toLine());
            lines.add(new TipEventPoint(
                            "fenggang",
                            "hidden-discharge-pipe",
                            "paid",
                            "TIP-PAIDPAIDPAID",
                            "paid",
                            "duty-leader",
                            null,
                            null,
                            null,
                            0,
                            t0 + 2000)
                    .toLine());
            InfluxSettings direct = InfluxSettings.v1(influxd.url(), "recovery");
            new io.envwatch.alerting.store.InfluxWrites(direct).writeAll(lines);

            try (SlowProxy slow = new SlowProxy(Integer.parseInt(influxd.url().replaceAll(".*:", "")), 100)) {
                long started = System.nanoTime();
                try (DutyService duty = DutyService.builder(
                                io.envwatch.district.registry.RegistryLoader.sample(),
                                InfluxSettings.v1(slow.url(), "recovery"))
                        .port(0)
                        .start()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    int cases = new Api(duty)
                            .list("/api/v1/cases", DutyServices.DUTY_OFFICER)
                            .size();
                    System.out.printf(
                            "recovery: 700 cases over a link that holds each request 100 ms -> listening after "
                                    + "%.1f s with %d cases%n",
                            seconds, cases);
                    assertThat(cases).isEqualTo(700);
                }
            }
            InfluxQlRows rows = new InfluxQlRows(direct);
            assertThat(rows.rows(InfluxQl.selectAll(CaseStatePoint.MEASUREMENT)))
                    .hasSize(700);
            List<Row> tip = rows.rows(InfluxQl.selectAll(TipStatePoint.MEASUREMENT) + " WHERE "
                    + TipStatePoint.TIP.is("TIP-PAIDPAIDPAID"));
            assertThat(tip)
                    .singleElement()
                    .satisfies(r -> assertThat(r.text(TipStatePoint.STATE)).isEqualTo("paid"));
        }
    }

    @Test
    void readyOnlyWhileItsStoresAnswerAliveThroughout() throws Exception {
        LocalInfluxd influxd = LocalInfluxd.start();
        influxd.createDatabase("probes");
        try (DutyService duty = DutyServices.start(influxd, "probes")) {
            Api api = new Api(duty);
            io.envwatch.alerting.console.HeadlessChromium.waitFor(
                    "ready", java.time.Duration.ofSeconds(20), () -> status(api, "/api/v1/health/ready") == 200);
            influxd.close();
            io.envwatch.alerting.console.HeadlessChromium.waitFor(
                    "not ready once InfluxDB is gone",
                    java.time.Duration.ofSeconds(30),
                    () -> status(api, "/api/v1/health/ready") == 503);
            JsonObject notReady =
                    new JsonObject(api.get("/api/v1/health/ready", null).body());
            assertThat(notReady.getJsonArray("problems").encode()).contains("InfluxDB did not answer");
            assertThat(status(api, "/api/v1/health/live")).isEqualTo(200);
        } finally {
            influxd.close();
        }
    }

    private static int status(Api api, String path) {
        try {
            return api.get(path, null).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Ended(int status, String output) {
        String lastLine() {
            List<String> all = output.lines().filter(l -> !l.isBlank()).toList();
            return all.isEmpty() ? "" : all.get(all.size() - 1);
        }
    }

    /** DutyServiceMain in a JVM of its own, as a supervisor runs it; what it printed on stderr. */
    private Ended runMain(Map<String, String> env) throws Exception {
        Path err = folder.resolve("stderr-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djava.io.tmpdir=" + folder,
                        DutyServiceMain.class.getName())
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("ENVWATCH_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "DutyServiceMain still running after 120 s with " + env + ": it hangs instead of failing");
        }
        return new Ended(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
