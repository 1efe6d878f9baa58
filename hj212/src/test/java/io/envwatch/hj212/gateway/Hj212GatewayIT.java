package io.envwatch.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.hj212.loggers.SimulatedLogger;
import io.envwatch.hj212.loggers.SimulatedLogger.Value;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway between simulated data loggers on real TCP sockets and a real Mosquitto: what a logger
 * sends comes out as its site's readings on the site's gateway topic, answered only once kept on
 * disk; broken, foreign and hostile input is refused, dead-lettered and bounded; a broker outage and
 * a gateway restart lose nothing; a logger's silence is asked for and filled.
 */
class Hj212GatewayIT {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final ZoneId DISTRICT = REGISTRY.localTime().zoneId();
    private static final DataLogger NOISE =
            REGISTRY.logger("4419FG0000N02HJ212").orElseThrow();
    private static final String READINGS = ReadingCodec.topicFor("gw-fenggang-01");
    private static final long MINUTE = 60_000;

    @TempDir
    Path data;

    private LocalMosquitto broker;
    private Vertx vertx;
    private MqttClient subscriber;
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final List<Hj212Gateway> gateways = new ArrayList<>();
    private final List<SimulatedLogger> loggers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"));
        vertx = Vertx.vertx();
        subscriber = new MqttClient(broker.url(), "hj212-test-reader", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A persistent session: what is published while the reader reconnects after a broker restart waits for it.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        subscriber.connect(options);
        subscriber.subscribe(
                new MqttSubscription[] {new MqttSubscription("envwatch/v1/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, m) -> received.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)})
                });
    }

    @AfterEach
    void stop() throws Exception {
        loggers.forEach(SimulatedLogger::close);
        gateways.forEach(Hj212Gateway::close);
        if (subscriber.isConnected()) {
            subscriber.disconnect();
        }
        subscriber.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        broker.close();
    }

    private Hj212Gateway gateway(String... flags) throws Exception {
        Map<String, String> settings = new HashMap<>(
                Map.of("port", "0", "data", data.toString(), "broker", broker.url(), "username", "envwatch-hj212"));
        for (int i = 0; i < flags.length; i += 2) {
            settings.put(flags[i], flags[i + 1]);
        }
        Hj212Gateway g = Hj212Gateway.start(
                        vertx,
                        REGISTRY,
                        GatewaySettings.of(settings, name -> null),
                        name -> null,
                        System::currentTimeMillis)
                .await(10, TimeUnit.SECONDS);
        gateways.add(g);
        return g;
    }

    private SimulatedLogger logger(Hj212Gateway g) throws Exception {
        SimulatedLogger l = new SimulatedLogger(NOISE, "fgn02pw", DISTRICT);
        l.connect("127.0.0.1", g.port());
        loggers.add(l);
        return l;
    }

    /** The readings published so far, decoded as the job decodes them. */
    private List<Reading> readings() {
        ReadingCodec codec = new ReadingCodec(REGISTRY);
        List<Reading> out = new ArrayList<>();
        for (String[] m : received) {
            if (m[0].equals(READINGS)) {
                Decoded d = codec.decode(m[0], m[1].getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
                assertThat(d.deadLetters())
                        .as("what the gateway publishes passes the job's checks")
                        .isEmpty();
                out.addAll(d.readings());
            }
        }
        return out;
    }

    private List<DeadLetter> deadLetters() {
        return received.stream()
                .filter(m -> DeadLetterCodec.isRejectedTopic(m[0]))
                .map(m ->
                        DeadLetterCodec.decode(m[0], m[1].getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()))
                .toList();
    }

    private static long minuteAgo(int minutes) {
        long now = System.currentTimeMillis();
        return now - now % MINUTE - minutes * MINUTE;
    }

    @Test
    void aLoggersDataBecomesItsSitesReadingsWithTheirFlags() throws Exception {
        Hj212Gateway g = gateway();
        SimulatedLogger l = logger(g);
        long at = minuteAgo(2);
        assertThat(l.sendRealtime(at, 5_000, new Value("LA", 62.5, DataFlag.N))).isTrue();
        assertThat(l.sendRealtime(at + 30_000, 5_000, new Value("LA", 94.0, DataFlag.C)))
                .isTrue();

        await("two readings", () -> readings().size() == 2);
        assertThat(readings())
                .containsExactly(
                        new Reading("FE-N02", Quantity.NOISE, 62.5, at, "gw-fenggang-01"),
                        new Reading("FE-N02", Quantity.NOISE, 94.0, at + 30_000, "gw-fenggang-01").flagged(DataFlag.C));
        assertThat(g.counts().flaggedValues.sum()).isEqualTo(1);
        assertThat(g.counts().answered.sum()).isEqualTo(2);
    }

    @Test
    void refusedPacketsAreDeadLetteredUnansweredAndTheLoggerCarriesOn() throws Exception {
        Hj212Gateway g = gateway();
        SimulatedLogger l = logger(g);
        SimulatedLogger stranger = new SimulatedLogger(
                new DataLogger("4419XX0000N99HJ212", "FE-N02", 23, "x", null, null, null, null), "x", DISTRICT);
        stranger.connect("127.0.0.1", g.port());
        loggers.add(stranger);
        SimulatedLogger wrongPassword = new SimulatedLogger(NOISE, "guess", DISTRICT);
        wrongPassword.connect("127.0.0.1", g.port());
        loggers.add(wrongPassword);
        long at = minuteAgo(3);

        assertThat(stranger.sendRealtime(at, 1_000, new Value("LA", 50, DataFlag.N)))
                .isFalse();
        assertThat(wrongPassword.sendRealtime(at, 1_000, new Value("LA", 50, DataFlag.N)))
                .isFalse();
        String segment =
                "QN=20261207010203004;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;CP=&&DataTime=20261207010200;LA-Rtd=51.0,LA-Flag=N&&";
        l.sendRaw(("##" + String.format("%04d", segment.length()) + segment + "0000\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // One unknown code beside a good value: the value is published, the code dead-lettered.
        assertThat(l.sendRealtime(at, 5_000, new Value("LA", 55.5, DataFlag.N), new Value("LX9", 1, DataFlag.N)))
                .isTrue();

        await(
                "the reading and four dead letters",
                () -> readings().size() == 1 && deadLetters().size() >= 4);
        assertThat(readings()).extracting(r -> r.value).containsExactly(55.5);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .contains("HJ212_UNKNOWN_MN", "HJ212_BAD_PASSWORD", "HJ212_BAD_CRC", "HJ212_UNKNOWN_CODE");
        assertThat(deadLetters()).allSatisfy(d -> {
            assertThat(d.gateway).isEqualTo("envwatch-hj212");
            assertThat(d.detail).contains("(from 127.0.0.1)");
        });
        assertThat(deadLetters().stream()
                        .filter(d -> d.reason.equals("HJ212_BAD_PASSWORD"))
                        .findFirst()
                        .orElseThrow()
                        .raw)
                .as("the raw packet is kept without the password tried: a near miss would tell the real one")
                .contains("MN=4419FG0000N02HJ212")
                .contains("PW=***")
                .doesNotContain("guess");
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the broker had "
                        + received.stream().map(m -> m[0] + " " + m[1]).toList());
            }
            Thread.sleep(50);
        }
    }
}
