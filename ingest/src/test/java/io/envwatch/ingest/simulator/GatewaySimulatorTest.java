package io.envwatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalMosquitto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

class GatewaySimulatorTest {
    private static final Registry REGISTRY = RegistryLoader.sample();

    @Test
    void normalReadingsStayUnderTheLimitsAndScenariosRiseAboveThem() {
        long night = Instant.parse("2026-11-21T15:00:00Z").toEpochMilli(); // 23:00 local
        GatewaySimulator sim = new GatewaySimulator(REGISTRY, "tcp://unused:1", Integer.MAX_VALUE, Duration.ofSeconds(1),
                GatewaySimulator.sampleScenarios(), () -> night, 1);
        List<Reading> fenggang = sim.batch("gw-fenggang-01", night + 60_000);
        Reading boundary = fenggang.stream().filter(r -> r.site.equals("FE-N01")).findFirst().orElseThrow();
        // The scenario clock starts at construction (night); FE-N01's episode is on a minute later.
        assertThat(boundary.value).isGreaterThan(REGISTRY.limits().noise(REGISTRY.site("FE-N01").orElseThrow(), true) + 10);
        Reading ambient = fenggang.stream().filter(r -> r.site.equals("FE-N90")).findFirst().orElseThrow();
        assertThat(ambient.value).isLessThan(REGISTRY.limits().noise(REGISTRY.site("FE-N90").orElseThrow(), true));
        List<Reading> river = sim.batch("gw-river-01", night + 60_000);
        assertThat(river).extracting(r -> r.quantity).containsOnly(Quantity.TP.wireName());
        assertThat(river).hasSize(6);
    }

    @Test
    void aDischargeTravelsDownstreamDilutedAndLate() {
        long start = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        Scenario discharge = new Scenario("discharge", "W-TANGXIA", Quantity.TP, Duration.ZERO, Duration.ofDays(3), 0.62);
        GatewaySimulator sim = new GatewaySimulator(REGISTRY, "tcp://unused:1", Integer.MAX_VALUE, Duration.ofHours(4),
                List.of(discharge), () -> start, 5);
        // Tangxia -> Lincun 180 min -> Changping 150 min -> Qiling 120 min: Qiling sees it after 7.5 h.
        assertThat(tp(sim.batch("gw-river-01", start + 60_000), "W-QILING")).isLessThan(0.25);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-QILING")).isGreaterThan(0.3);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-TANGXIA")).isGreaterThan(0.55);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-FENGGANG")).isLessThan(0.2);
    }

    private static double tp(List<Reading> batch, String site) {
        return batch.stream().filter(r -> r.site.equals(site)).findFirst().orElseThrow().value;
    }

    @Test
    void publishesValidBatchesThroughARealBroker() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            List<Decoded> received = new CopyOnWriteArrayList<>();
            ReadingCodec codec = new ReadingCodec(REGISTRY);
            MqttClient subscriber = new MqttClient(broker.url(), "test-sub", new MemoryPersistence());
            subscriber.connect(new MqttConnectionOptions());
            // Paho 1.2.5's subscribe(String, int, listener) recurses into itself; the array form works.
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(ReadingCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {
                        (topic, message) -> received.add(codec.decode(topic, message.getPayload(), System.currentTimeMillis()))
                    });
            try (GatewaySimulator sim = new GatewaySimulator(REGISTRY, broker.url(), Integer.MAX_VALUE,
                    Duration.ofMillis(200), GatewaySimulator.sampleScenarios(), System::currentTimeMillis, 3)) {
                sim.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (sitesSeen(received) < REGISTRY.sites().size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(sim.gateways()).hasSize(5);
            }
            subscriber.disconnect();
            assertThat(received).hasSizeGreaterThanOrEqualTo(15);
            assertThat(received).allSatisfy(d -> assertThat(d.deadLetters()).isEmpty());
            assertThat(sitesSeen(received)).isEqualTo(REGISTRY.sites().size());
        }
    }

    @Test
    void afterTheBrokerRestartsEachGatewaySendsAgainWhatItHadAcknowledgedInTheLastMinute() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"));
                GatewaySimulator sim = new GatewaySimulator(REGISTRY, broker.url(), Integer.MAX_VALUE,
                        Duration.ofMillis(200), List.of(), System::currentTimeMillis, 3)) {
            sim.start();
            Thread.sleep(1_000);
            broker.stop(false);
            broker.startAgain();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // Five gateways, each with the batches acknowledged before the restart (about five) sent again.
            while (sim.resent() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sim.resent()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aBatchLargerThanTheBrokerTakesIsGivenUpVisiblyAndTheGatewayStaysConnected() throws Exception {
        // The river gateway's batch (6 readings, ~600 bytes) fits; the others' (7-9 sites, several
        // quantities) do not: Mosquitto would drop their connection over and over.
        try (LocalMosquitto broker = LocalMosquitto.start(List.of("allow_anonymous true", "max_packet_size 800"))) {
            List<String> topics = new CopyOnWriteArrayList<>();
            MqttClient subscriber = new MqttClient(broker.url(), "test-sub", new MemoryPersistence());
            subscriber.connect(new MqttConnectionOptions());
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(ReadingCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> topics.add(topic)});
            try (GatewaySimulator sim = new GatewaySimulator(REGISTRY, broker.url(), Integer.MAX_VALUE,
                    Duration.ofMillis(100), List.of(), System::currentTimeMillis, 3)) {
                sim.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while ((topics.size() < 10 || sim.refused() < 10) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(sim.refused()).isGreaterThanOrEqualTo(10);
            }
            subscriber.disconnect();
            assertThat(topics).hasSizeGreaterThanOrEqualTo(10).containsOnly(ReadingCodec.topicFor("gw-river-01"));
            // Each gateway connected once: none was dropped by the broker and reconnected.
            for (String gateway : List.of("gw-fenggang-01", "gw-river-01")) {
                assertThat(broker.log().split("as sim-" + gateway + " ", -1)).hasSize(2);
            }
        }
    }

    private static long sitesSeen(List<Decoded> received) {
        return received.stream().flatMap(d -> d.readings().stream()).map(r -> r.site).distinct().count();
    }
}
