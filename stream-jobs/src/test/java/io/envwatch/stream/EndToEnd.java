package io.envwatch.stream;

import io.envwatch.ingest.mqtt.MqttSourceConfig;
import io.envwatch.ingest.readings.ReadingCodec;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.envwatch.stream.storage.InfluxConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The real servers an end-to-end test runs against: a private Mosquitto and a private influxd,
 * started from the machine's binaries (.ci/run installs them), plus the job wired to them.
 */
final class EndToEnd implements AutoCloseable {
    static final Registry REGISTRY = RegistryLoader.sample();

    final LocalMosquitto broker = LocalMosquitto.start();
    final LocalInfluxd influxd = LocalInfluxd.start();
    final InfluxConfig influx;
    private final EndToEndReads reads;

    EndToEnd(String database) {
        influxd.createDatabase(database);
        influx = InfluxConfig.v1(influxd.url(), database);
        reads = new EndToEndReads(influxd.url(), database);
    }

    EnvWatchJob job(String clientIdPrefix) {
        MqttSourceConfig mqtt = MqttSourceConfig.of(broker.url(), EnvWatchJobMain.SUBSCRIPTION, clientIdPrefix);
        return EnvWatchJobMain.wire(REGISTRY, mqtt, influx);
    }

    MqttClient publisher(String clientId) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        return client;
    }

    static void publish(MqttClient client, String gateway, String payload) throws MqttException {
        publish(client, ReadingCodec.topicFor(gateway), payload.getBytes(StandardCharsets.UTF_8));
    }

    static void publish(MqttClient client, String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message);
    }

    List<Object[]> query(String influxQl) {
        return reads.query(influxQl);
    }

    long count(String influxQl) {
        return reads.count(influxQl);
    }

    /**
     * The source's session only exists once it has subscribed; until then QoS 1 messages have no
     * session to wait in. So keep sending marker readings (FE-N90, 40 dB(A), before {@code before})
     * until {@code markers} of them are stored.
     */
    void awaitSubscribed(MqttClient gateway, long before, int markers) throws InterruptedException {
        await("the source to subscribe", Duration.ofSeconds(60), () -> {
            try {
                for (int i = 0; i < markers; i++) {
                    publish(gateway, "gw-fenggang-01", "{\"readings\":[{\"sensor\":\"FE-N90\",\"ts\":" + (before - 1 - i)
                            + ",\"quantity\":\"noise\",\"value\":40.0,\"unit\":\"dB(A)\"}]}");
                }
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
            return count("SELECT count(value) FROM reading WHERE site = 'FE-N90'") >= markers;
        });
    }

    /**
     * A gateway publishing {@code messages} batches of {@code perMessage} FE-N01 noise readings on its
     * own thread, reading k stamped {@code base + k} with the value {@code level(k)}.
     */
    static Thread publishInBackground(MqttClient gateway, int messages, int perMessage, long base,
            java.util.function.IntToDoubleFunction level, long pauseMillis, java.util.concurrent.atomic.AtomicInteger published) {
        Thread publisher = new Thread(() -> {
            try {
                for (int m = 0; m < messages; m++) {
                    StringBuilder batch = new StringBuilder("{\"readings\":[");
                    for (int i = 0; i < perMessage; i++) {
                        int k = m * perMessage + i;
                        batch.append(i == 0 ? "" : ",").append("{\"sensor\":\"FE-N01\",\"ts\":").append(base + k)
                                .append(",\"quantity\":\"noise\",\"value\":").append(level.applyAsDouble(k))
                                .append(",\"unit\":\"dB(A)\"}");
                    }
                    publish(gateway, "gw-fenggang-01", batch.append("]}").toString());
                    published.incrementAndGet();
                    Thread.sleep(pauseMillis);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "test-gateway");
        publisher.start();
        return publisher;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        reads.close();
        influxd.close();
        broker.close();
    }
}
