package io.envwatch.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The slow-connection attack on the public intake, for real: thousands of connections from many
 * loopback addresses, each announcing a tip of 100 bytes and sending 3, held open. The doors
 * ({@link ConnectionLimits}, set small here) keep the service answering a citizen from a fresh
 * address throughout, and close every held connection by its deadline.
 */
@Tag("security")
class SlowClientsIT {
    private static final int MAX_CONNECTIONS = 400;
    private static final int PER_ADDRESS = 20;
    private static final int ADDRESSES = 30;
    private static final int EACH = 60;
    private static LocalMosquitto broker;
    private static LocalInfluxd influxd;
    private static DutyService duty;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalMosquitto.start();
        influxd = LocalInfluxd.start();
        influxd.createDatabase("doors");
        String sample = DutySettingsLoader.sampleText();
        String settings = sample.substring(0, sample.indexOf("\nhttp:")) + """

                http:
                  maxConnections: %d
                  perAddress: %d
                  headersWithin: PT2S
                  requestWithin: PT4S
                """.formatted(MAX_CONNECTIONS, PER_ADDRESS);
        duty = DutyServices.on(influxd, "doors")
                .settings(DutySettingsLoader.parse("test", settings, RegistryLoader.sample(), name -> null))
                .complaints(ComplaintPublisher.connect(broker.url(), "duty-doors", null, null))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        duty.close();
        influxd.close();
        broker.close();
    }

    @Test
    void halfSentBodiesFromManyAddressesNeitherSilenceAFreshCitizenNorStayOpen() throws Exception {
        List<Socket> held = new ArrayList<>();
        int refusedAtConnect = 0;
        for (int a = 1; a <= ADDRESSES; a++) {
            for (int i = 0; i < EACH; i++) {
                try {
                    held.add(RawHttp.open(
                            "127.0.1." + a,
                            duty.port(),
                            "POST /api/v1/tips HTTP/1.1\r\nHost: x\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"c"));
                } catch (java.io.IOException e) {
                    refusedAtConnect++;
                }
            }
        }
        JsonObject doors = health("127.0.2.1");
        String complaint = RawHttp.exchange(
                "127.0.2.2",
                duty.port(),
                "POST",
                "/api/v1/complaints",
                "Content-Type: application/json\r\n",
                complaintBody());

        JsonObject during = doors.getJsonObject("connections");
        assertThat(during.getInteger("open"))
                .as("connections held during the attack: %s", during)
                .isLessThanOrEqualTo(during.getInteger("ceiling"));
        assertThat(RawHttp.status(complaint))
                .as("a complaint from a fresh address during the attack: %s", complaint)
                .isEqualTo(202);

        Thread.sleep(4_000 + 2_500);
        int stillOpen = 0;
        int answered408 = 0;
        int answered429 = 0;
        for (Socket s : held) {
            String got = RawHttp.closedByServer(s, 50);
            if (got == null) {
                stillOpen++;
            } else if (got.startsWith("HTTP/1.1 408")) {
                answered408++;
            } else if (got.startsWith("HTTP/1.1 429")) {
                answered429++;
            }
            s.close();
        }
        JsonObject after = health("127.0.2.3").getJsonObject("connections");
        System.out.printf(
                "attack: %d half-sent tips from %d addresses held open -> %d connections held at most "
                        + "(ceiling %d), %d answered 408 at the deadline, %d refused with 429, %d closed at once, "
                        + "%d still open after the deadline; a fresh address's health and complaint answered 200/%d%n",
                ADDRESSES * EACH,
                ADDRESSES,
                during.getInteger("open"),
                during.getInteger("ceiling"),
                answered408,
                answered429,
                after.getLong("closedAtOnce") + refusedAtConnect,
                stillOpen,
                RawHttp.status(complaint));
        assertThat(stillOpen)
                .as("held connections the server did not close by its deadline")
                .isZero();
        assertThat(answered408).as("half-sent requests answered 408").isPositive();
        assertThat(answered429)
                .as("connections past an address's share answered 429")
                .isPositive();
    }

    @Test
    void headersDrippedOneByteAtATimeAreCutAtTheHeaderDeadline() throws Exception {
        Socket slow = RawHttp.open("127.0.3.1", duty.port(), "GET /api/v1/health HTTP/1.1\r\n");
        long started = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) {
            try {
                slow.getOutputStream().write('X');
                slow.getOutputStream().flush();
            } catch (java.io.IOException e) {
                closed = true;
            }
            closed = closed || RawHttp.closedByServer(slow, 250) != null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "attack: request headers sent one byte per 250 ms -> closed by the server after %.1f s%n", seconds);
        assertThat(closed).as("a connection dripping its headers for 10 s").isTrue();
        slow.close();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        Socket idle = RawHttp.open("127.0.3.2", duty.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        String got = RawHttp.closedByServer(idle, 8_000);
        assertThat(got)
                .as("what the server sent before closing an idle keep-alive connection")
                .startsWith("HTTP/1.1 200");
        idle.close();
    }

    private static JsonObject health(String from) throws Exception {
        String answer = RawHttp.exchange(from, duty.port(), "GET", "/api/v1/health", "", "");
        assertThat(RawHttp.status(answer))
                .as("health from %s: %s", from, answer)
                .isEqualTo(200);
        return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    private static String complaintBody() {
        return new JsonObject()
                .put("category", "noise")
                .put("channel", "web")
                .put(
                        "observedAt",
                        OffsetDateTime.now(ZoneOffset.ofHours(8))
                                .minusMinutes(5)
                                .toString())
                .put("description", "Stamping press running after midnight")
                .put("location", new JsonObject().put("lat", 22.8093).put("lon", 114.0941))
                .encode();
    }
}
