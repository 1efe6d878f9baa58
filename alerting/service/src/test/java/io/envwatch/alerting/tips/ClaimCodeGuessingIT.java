package io.envwatch.alerting.tips;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.api.RawHttp;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.TipEventPoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guessing at claim codes and tip ids, as an attacker would: many guesses at once, the clock, the
 * shape of an id, the time a tip came in. Each guess comes from an address of its own where the
 * test needs the budget of one address untouched.
 */
@Tag("security")
class ClaimCodeGuessingIT {
    private static final String WRONG_SECRET = ".AAAAA-AAAAA-AAAAA-AAAAA";
    private static LocalInfluxd influxd;
    private static DutyService duty;
    private static String tip;

    @BeforeAll
    static void start() throws Exception {
        influxd = LocalInfluxd.start();
        influxd.createDatabase("guessing");
        duty = DutyServices.start(influxd, "guessing");
        tip = file("127.0.7.1");
    }

    @AfterAll
    static void stop() throws Exception {
        duty.close();
        influxd.close();
    }

    @Test
    void aHundredWrongCodesSentAtOnceAreNoMoreThanTheAddressesFiveTries() throws Exception {
        for (String path : List.of("/api/v1/tips/status", "/api/v1/complaints/status")) {
            String from = path.contains("tips") ? "127.0.7.2" : "127.0.7.3";
            String guess = (path.contains("tips") ? tip : "C-000000000000000000000000") + WRONG_SECRET;
            ExecutorService pool = Executors.newFixedThreadPool(100);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> RawHttp.status(
                        RawHttp.exchange(from, duty.port(), "GET", path, "X-Claim-Code: " + guess + "\r\n", ""))));
            }
            int checked = 0;
            int refused = 0;
            for (Future<Integer> a : answers) {
                int status = a.get();
                checked += status == 404 ? 1 : 0;
                refused += status == 429 ? 1 : 0;
            }
            pool.shutdown();
            System.out.printf(
                    "attack: 100 wrong claim codes at once from one address on %s -> %d checked (404), "
                            + "%d refused unchecked (429)%n",
                    path, checked, refused);
            assertThat(checked).as("codes checked").isLessThanOrEqualTo(5);
            assertThat(checked + refused).isEqualTo(100);
        }
    }

    @Test
    void whetherATipExistsCannotBeReadFromTheClock() throws Exception {
        // Each guess from an address of its own: the budget is not what is measured here.
        long[] known = new long[9];
        long[] unknown = new long[9];
        for (int i = 0; i < known.length; i++) {
            known[i] = timed("127.0.8." + (2 * i + 1), tip + WRONG_SECRET);
            unknown[i] = timed("127.0.8." + (2 * i + 2), "TIP-ZZZZZZZZZZZZ" + WRONG_SECRET);
        }
        Arrays.sort(known);
        Arrays.sort(unknown);
        double knownMs = known[known.length / 2] / 1e6;
        double unknownMs = unknown[unknown.length / 2] / 1e6;
        System.out.printf(
                "attack: timing a wrong secret -> median %.1f ms for a tip that exists, %.1f ms for one that "
                        + "does not%n",
                knownMs, unknownMs);
        assertThat(unknownMs).as("an unknown id's answer takes the hash too").isGreaterThan(knownMs * 0.5);
    }

    @Test
    void tipIdsAndTimesTellNothingOfWhenTheTipsterFiled() throws Exception {
        String a = file("127.0.7.4");
        String b = file("127.0.7.5");
        assertThat(List.of(tip, a, b)).allSatisfy(id -> assertThat(id).matches("TIP-[A-HJ-NP-Z2-9]{12}"));
        JsonObject listed = new Api(duty)
                .list("/api/v1/tips", DutyServices.DUTY_OFFICER).stream()
                        .map(JsonObject.class::cast)
                        .filter(t -> t.getString("tip").equals(a))
                        .findFirst()
                        .orElseThrow();
        Instant shown = Instant.parse(listed.getString("receivedAt"));
        assertThat(shown.getEpochSecond() % 3600)
                .as("the hour, not the moment: %s", shown)
                .isZero();
        List<Row> stored = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "guessing"))
                .rows(InfluxQl.selectAll(TipEventPoint.MEASUREMENT) + " WHERE " + TipEventPoint.ACTION.is("received"));
        assertThat(stored)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.time().getEpochSecond() % 3600)
                        .as("stored receipt time %s", r.time())
                        .isZero());
        Thread.sleep(200);
        String log = Files.readString(Path.of("target/test-logs/alerting.log"));
        System.out.printf(
                "attack: ids %s, %s, %s; receipt shown as %s; the log names none of them%n", tip, a, b, shown);
        assertThat(log).doesNotContain(tip).doesNotContain(a).doesNotContain(b);
    }

    private static long timed(String from, String code) throws Exception {
        long started = System.nanoTime();
        int status = RawHttp.status(RawHttp.exchange(
                from, duty.port(), "GET", "/api/v1/tips/status", "X-Claim-Code: " + code + "\r\n", ""));
        long took = System.nanoTime() - started;
        assertThat(status).isEqualTo(404);
        return took;
    }

    private static String file(String from) throws Exception {
        String answer = RawHttp.exchange(
                from,
                duty.port(),
                "POST",
                "/api/v1/tips",
                "Content-Type: application/json\r\n",
                "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"pipe behind the plating shop\"}");
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(201);
        return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("tip");
    }
}
