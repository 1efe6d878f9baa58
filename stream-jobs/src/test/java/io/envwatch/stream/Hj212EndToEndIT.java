package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static io.envwatch.stream.EndToEnd.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.hj212.gateway.GatewaySettings;
import io.envwatch.hj212.gateway.Hj212Gateway;
import io.envwatch.hj212.loggers.SimulatedLogger;
import io.envwatch.hj212.loggers.SimulatedLogger.Value;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A noise station's data logger speaks HJ 212 over TCP to the gateway, which publishes through the
 * production broker's credentials and ACL to the job, which stores into a real influxd; beside it
 * a native gateway sends the same values for a twin site (same zone, same town) as JSON. A factory
 * running at night past the limit becomes the same incident and duty alert on both paths; the
 * station's calibration tone, flagged C, becomes none on either; a logger with a wrong password is
 * a dead letter in the same store as the job's own.
 */
class Hj212EndToEndIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    private static final DataLogger STATION =
            EndToEnd.REGISTRY.logger("4419FG0000N02HJ212").orElseThrow();
    private static final ZoneId DISTRICT = EndToEnd.REGISTRY.localTime().zoneId();

    @TempDir
    Path data;

    /** The night's minute m: 70 dB(A) for 20 minutes, quiet, a 94 dB calibration tone at minutes 30-34, quiet. */
    private static Value level(int minute) {
        if (minute < 20) {
            return new Value("LA", 70.0, DataFlag.N);
        }
        if (minute >= 30 && minute < 35) {
            return new Value("LA", 94.0, DataFlag.C);
        }
        return new Value("LA", 45.0, DataFlag.N);
    }

    @Test
    void aLoggersNightExceedanceIsTheSameDutyAlertAsTheJsonPathsAndItsCalibrationIsNone() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (EndToEnd e2e = new EndToEnd("envwatch_hj212", true)) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("hj212-job").executeAsync(env);
            Hj212Gateway gateway = gateway(vertx, e2e);
            MqttClient json = e2e.gateway("gw-fenggang-01");
            // Yesterday 23:00 in Dongguan: night.
            long base = ZonedDateTime.now(DISTRICT)
                    .minusDays(1)
                    .withHour(23)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            e2e.awaitSubscribed(json, base, 1);

            try (SimulatedLogger station = new SimulatedLogger(STATION, "fgn02pw", DISTRICT);
                    SimulatedLogger impostor = new SimulatedLogger(STATION, "fgn02px", DISTRICT)) {
                station.connect("127.0.0.1", gateway.port());
                impostor.connect("127.0.0.1", gateway.port());
                assertThat(impostor.sendRealtime(base, 1_000, new Value("LA", 99.0, DataFlag.N)))
                        .isFalse();
                for (int minute = 0; minute < 40; minute++) {
                    List<Reading> twin = new ArrayList<>();
                    for (int s = 0; s < 60; s += 10) {
                        long at = base + minute * 60_000L + s * 1_000L;
                        Value v = level(minute);
                        assertThat(station.sendRealtime(at, 10_000, v)).isTrue();
                        twin.add(new Reading("FE-N01", Quantity.NOISE, v.value(), at, "gw-fenggang-01")
                                .flagged(v.flag()));
                    }
                    publish(json, ReadingCodec.topicFor("gw-fenggang-01"), ReadingCodec.encode("gw-fenggang-01", twin));
                }
            }
            // Event time past the last hour and the stragglers' allowance: every interval closes.
            publish(
                    json,
                    ReadingCodec.topicFor("gw-fenggang-01"),
                    ReadingCodec.encode(
                            "gw-fenggang-01",
                            List.of(new Reading("FE-N90", Quantity.NOISE, 40, base + 63 * 60_000L, "gw-fenggang-01"))));

            await(
                    "both sites' readings, their hour intervals and the impostor's dead letter",
                    Duration.ofSeconds(90),
                    () -> e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N02'") == 240
                            && e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01'") == 240
                            && e2e.count(
                                            "SELECT count(laeq) FROM noise_laeq WHERE \"interval\" = 'PT1H' AND site =~ /FE-N0[12]/")
                                    == 2
                            && e2e.count("SELECT count(detail) FROM dead_letter WHERE reason = 'HJ212_BAD_PASSWORD'")
                                    == 1);

            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N02' AND flag = 'C'"))
                    .isEqualTo(30);
            assertThat(intervals(e2e, "FE-N02"))
                    .isEqualTo(intervals(e2e, "FE-N01"))
                    .isNotEmpty();
            // The incidents' last states are written as each site's timers fire: wait for both to settle.
            await(
                    "the same incidents on both paths",
                    Duration.ofSeconds(30),
                    () -> !incidents(e2e, "FE-N02").isEmpty()
                            && incidents(e2e, "FE-N02").equals(incidents(e2e, "FE-N01")));
            assertThat(incidents(e2e, "FE-N02"))
                    .as("the factory's 20 minutes at night, none from the calibration tone (94)")
                    .filteredOn(i -> i.contains(" noise-"))
                    .extracting(i -> String.join(" ", java.util.Arrays.copyOfRange(i.split(" "), 1, 4)))
                    .containsExactlyInAnyOrder("noise-laeq-1m night 70", "noise-night-max night 70");
            assertThat(dutyAlerts(e2e, "FE-N02"))
                    .isEqualTo(dutyAlerts(e2e, "FE-N01"))
                    .anySatisfy(a -> assertThat(a).startsWith("noise-laeq-1m 70"));
            assertThat(e2e.query("SELECT detail, gateway FROM dead_letter WHERE reason = 'HJ212_BAD_PASSWORD'"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat((String) r[1]).contains("wrong PW for MN 4419FG0000N02HJ212");
                        assertThat(r[2]).isEqualTo("envwatch-hj212");
                    });
            assertThat(gateway.counts().flaggedValues.sum()).isEqualTo(30);
            gateway.close();
            json.disconnect();
            job.cancel().get();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A logger cut off for 30 minutes keeps measuring; when it is back, the gateway asks for the
     * gap and the job stores the 30 minutes it sends.
     */
    @Test
    void aSilentLoggersThirtyMinutesReachStorage() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (EndToEnd e2e = new EndToEnd("envwatch_hj212_gap", true)) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("hj212-gap-job").executeAsync(env);
            Hj212Gateway gateway = gateway(vertx, e2e);
            MqttClient json = e2e.gateway("gw-fenggang-01");
            long base = ZonedDateTime.now(DISTRICT)
                    .minusHours(3)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            e2e.awaitSubscribed(json, base, 1);
            try (SimulatedLogger station = new SimulatedLogger(STATION, "fgn02pw", DISTRICT)) {
                station.connect("127.0.0.1", gateway.port());
                assertThat(station.sendRealtime(base, 10_000, new Value("LA", 50.0, DataFlag.N)))
                        .isTrue();
                station.disconnect();
                for (int m = 1; m <= 30; m++) {
                    station.measure(base + m * 60_000L, new Value("LA", 55.0 + m / 10.0, DataFlag.N));
                }
                station.connect("127.0.0.1", gateway.port());
                assertThat(station.sendRealtime(base + 31 * 60_000L, 10_000, new Value("LA", 50.0, DataFlag.N)))
                        .isTrue();
                await(
                        "the live readings and the gap's 30 minutes",
                        Duration.ofSeconds(60),
                        () -> e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N02'") == 32);
                assertThat(station.historySent()).isEqualTo(30);
            }
            assertThat(e2e.query("SELECT value FROM reading WHERE site = 'FE-N02' AND time > " + base + "ms AND time < "
                            + (base + 31 * 60_000L) + "ms"))
                    .extracting(r -> Double.parseDouble(r[1].toString()))
                    .hasSize(30)
                    .startsWith(55.1)
                    .endsWith(58.0);
            gateway.close();
            json.disconnect();
            job.cancel().get();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private Hj212Gateway gateway(Vertx vertx, EndToEnd e2e) throws Exception {
        return Hj212Gateway.start(
                        vertx,
                        EndToEnd.REGISTRY,
                        GatewaySettings.of(
                                Map.of(
                                        "port", "0",
                                        "data", data.toString(),
                                        "broker", e2e.broker.url(),
                                        "username", "envwatch-hj212",
                                        "password", "change-me-envwatch-hj212"),
                                name -> null),
                        name -> null,
                        System::currentTimeMillis)
                .await(10, TimeUnit.SECONDS);
    }

    /** A site's LAeq intervals: start, length, level, count. */
    private static List<String> intervals(EndToEnd e2e, String site) {
        return e2e.query("SELECT \"interval\", laeq, n FROM noise_laeq WHERE site = '" + site + "'").stream()
                .map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3])
                .sorted()
                .toList();
    }

    /** A site's duty alerts: kind, peak, limit, state. */
    private static List<String> dutyAlerts(EndToEnd e2e, String site) {
        return e2e.query("SELECT kind, peak, \"limit\", state FROM duty_alert WHERE site = '" + site + "'").stream()
                .map(r -> r[1] + " " + r[2] + " " + r[3] + " " + r[4])
                .sorted()
                .toList();
    }

    /** A site's incidents: start, rule, period, peak, limit, end, state. */
    private static List<String> incidents(EndToEnd e2e, String site) {
        return e2e
                .query("SELECT rule, period, peak, \"limit\", \"end\", state FROM incident WHERE site = '" + site + "'")
                .stream()
                .map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3] + " " + r[4] + " " + r[5] + " " + r[6])
                .sorted()
                .toList();
    }
}
