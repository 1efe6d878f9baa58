package io.envwatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalMosquitto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** The simulator's gateways through a real broker: valid batches, a resend after a restart, a batch over the broker's limit. */
class GatewaySimulatorIT {
    private static final Registry REGISTRY = RegistryLoader.sample();

    @Test
    void publishesValidBatchesThroughARealBroker() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            List<Decoded> received = new CopyOnWriteArrayList<>();
            ReadingCodec codec = new ReadingCodec(REGISTRY);
            MqttClient subscriber = new MqttClient(broker.url(), "test-sub", new MemoryPersistence());
            subscriber.connect(new MqttConnectionOptions());
            // Paho 1.2.5's subscribe(String, int, listener) recurses into itself; the array form works.
            subscriber.subscribe(
                    new MqttSubscription[] {new MqttSubscription(ReadingCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {
                        (topic, message) ->
                                received.add(codec.decode(topic, message.getPayload(), System.currentTimeMillis()))
                    });
            try (GatewaySimulator sim = new GatewaySimulator(
                    REGISTRY,
                    broker.url(),
                    Integer.MAX_VALUE,
                    Duration.ofMillis(200),
                    GatewaySimulator.sampleScenarios(),
                    System::currentTimeMillis,
                    3)) {
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
                GatewaySimulator sim = new GatewaySimulator(
                        REGISTRY,
                        broker.url(),
                        Integer.MAX_VALUE,
                        Duration.ofMillis(200),
                        List.of(),
                        System::currentTimeMillis,
                        3)) {
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
            subscriber.subscribe(
                    new MqttSubscription[] {new MqttSubscription(ReadingCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> topics.add(topic)});
            try (GatewaySimulator sim = new GatewaySimulator(
                    REGISTRY,
                    broker.url(),
                    Integer.MAX_VALUE,
                    Duration.ofMillis(100),
                    List.of(),
                    System::currentTimeMillis,
                    3)) {
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
        return received.stream()
                .flatMap(d -> d.readings().stream())
                .map(r -> r.site)
                .distinct()
                .count();
    }
}
