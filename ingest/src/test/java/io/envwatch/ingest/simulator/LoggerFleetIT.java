package io.envwatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.hj212.gateway.GatewaySettings;
import io.envwatch.hj212.gateway.Hj212Gateway;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's HJ 212 mode through a real gateway and broker: the sample's three loggers (noise
 * station, odour analyser, TP analyser) report their sites' quantities as readings that pass the
 * job's checks, normal at minute 10 and flagged C, with the calibration standards, at minute 30.
 */
class LoggerFleetIT {
    private static final Registry REGISTRY = RegistryLoader.sample();

    @TempDir
    Path data;

    @Test
    void theSamplesLoggersReportTheirSitesAndTheirCalibration() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            List<Reading> received = new CopyOnWriteArrayList<>();
            ReadingCodec codec = new ReadingCodec(REGISTRY);
            MqttClient subscriber = new MqttClient(broker.url(), "fleet-reader", new MemoryPersistence());
            subscriber.connect(new MqttConnectionOptions());
            subscriber.subscribe(
                    new MqttSubscription[] {new MqttSubscription(ReadingCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {
                        (topic, message) -> {
                            Decoded d = codec.decode(topic, message.getPayload(), System.currentTimeMillis());
                            assertThat(d.deadLetters()).isEmpty();
                            received.addAll(d.readings());
                        }
                    });
            Hj212Gateway gateway = Hj212Gateway.start(
                            vertx,
                            REGISTRY,
                            GatewaySettings.of(
                                    Map.of("port", "0", "data", data.toString(), "broker", broker.url()), name -> null),
                            name -> null,
                            System::currentTimeMillis)
                    .await(10, TimeUnit.SECONDS);
            ZonedDateTime hour = ZonedDateTime.now(REGISTRY.localTime().zoneId())
                    .minusHours(2)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0);
            AtomicLong clock = new AtomicLong(hour.withMinute(10).toInstant().toEpochMilli());
            GatewaySimulator values = new GatewaySimulator(
                    REGISTRY, broker.url(), Integer.MAX_VALUE, Duration.ofSeconds(1), List.of(), clock::get, 5);
            Set<String> loggerSites =
                    REGISTRY.loggers().stream().map(DataLogger::site).collect(Collectors.toSet());
            try (LoggerFleet fleet = new LoggerFleet(
                    REGISTRY, values, "127.0.0.1", gateway.port(), Duration.ofMillis(200), clock::get, name -> null)) {
                fleet.start();
                await(() -> sitesWith(received, "N").equals(loggerSites));
                clock.set(hour.withMinute(30).toInstant().toEpochMilli());
                await(() -> sitesWith(received, "C").equals(loggerSites));
            }
            assertThat(received.stream().map(r -> r.site + " " + r.quantity).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("FE-N02 noise", "TA-O01 h2s", "TA-O01 nh3", "W-TANGXIA tp");
            assertThat(received)
                    .filteredOn(r -> "C".equals(r.flag))
                    .extracting(r -> r.quantity + "=" + r.value)
                    .contains("noise=94.0", "h2s=0.5", "nh3=5.0", "tp=0.5");
            assertThat(values.without(loggerSites).gateways())
                    .as("with the loggers playing their sites, the native gateways still play every other")
                    .hasSize(5);
            gateway.close();
            subscriber.disconnect();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static Set<String> sitesWith(List<Reading> readings, String flag) {
        return readings.stream()
                .filter(r -> flag.equals(r.flag == null ? "N" : r.flag))
                .map(r -> r.site)
                .collect(Collectors.toSet());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
