package io.envwatch.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import io.envwatch.local.LocalMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * The source reader against a real Mosquitto, restored from a checkpoint whose completion it never
 * heard of: the job died after the checkpoint and before its acknowledgements reached the broker,
 * so the broker sends the checkpoint's messages again. They must not be read twice (the restored
 * state already holds them); what was read after the checkpoint must be read again.
 */
class MqttSourceReaderRestoreIT {
    private static final String TOPIC = "envwatch/v1/readings/gw-a";

    @Test
    void theCheckpointsMessagesResentAfterARestoreAreNotReadTwice() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            MqttSourceConfig config = MqttSourceConfig.of(broker.url(), List.of(TOPIC), "restore");
            MqttClient gateway = new MqttClient(broker.url(), "gateway", new MemoryPersistence());
            gateway.connect(new MqttConnectionOptions());

            MqttSourceReader before = new MqttSourceReader(config, new TestingReaderContext());
            TestingReaderOutput<MqttPayload> read = new TestingReaderOutput<>();
            before.start();
            before.addSplits(List.of(new MqttSplit("restore-0", 0, 1)));
            awaitSubscribed(before, read, gateway);
            read.clearEmittedRecords();
            publish(gateway, 0, 10);
            pollUntil(before, read, 10);
            List<MqttSplit> checkpoint = before.snapshotState(1);
            publish(gateway, 10, 15);
            pollUntil(before, read, 15);
            before.close(); // no notifyCheckpointComplete(1): nothing was acknowledged

            MqttSourceReader after = new MqttSourceReader(config, new TestingReaderContext());
            TestingReaderOutput<MqttPayload> reread = new TestingReaderOutput<>();
            after.start();
            after.addSplits(checkpoint);
            pollUntil(after, reread, 5);
            pollFor(after, reread, Duration.ofSeconds(2));
            assertThat(texts(reread))
                    .as("read after the checkpoint, so not in the restored state")
                    .containsExactly("m10", "m11", "m12", "m13", "m14");

            after.snapshotState(2);
            after.notifyCheckpointComplete(2);
            pollFor(after, reread, Duration.ofMillis(500));
            after.close();
            MqttSourceReader later = new MqttSourceReader(config, new TestingReaderContext());
            TestingReaderOutput<MqttPayload> nothing = new TestingReaderOutput<>();
            later.start();
            later.addSplits(List.of(new MqttSplit("restore-0", 0, 1)));
            pollFor(later, nothing, Duration.ofSeconds(2));
            later.close();
            assertThat(texts(nothing))
                    .as("the copies were acknowledged with the rest")
                    .isEmpty();
            gateway.disconnect();
            gateway.close();
        }
    }

    /**
     * The connection drops (the broker restarts) between reading messages and acknowledging them:
     * the broker resends them on the reader's new connection, and the reader does not take them twice.
     */
    @Test
    void messagesResentOnANewConnectionAreNotReadTwice() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"))) {
            MqttSourceConfig config = MqttSourceConfig.of(broker.url(), List.of(TOPIC), "reconnect");
            MqttClient gateway = new MqttClient(broker.url(), "gateway", new MemoryPersistence());
            gateway.connect(new MqttConnectionOptions());
            MqttSourceReader reader = new MqttSourceReader(config, new TestingReaderContext());
            TestingReaderOutput<MqttPayload> read = new TestingReaderOutput<>();
            reader.start();
            reader.addSplits(List.of(new MqttSplit("reconnect-0", 0, 1)));
            awaitSubscribed(reader, read, gateway);
            read.clearEmittedRecords();
            publish(gateway, 0, 10);
            pollUntil(reader, read, 10);
            gateway.disconnect();
            gateway.close();

            broker.stop(false); // saves the session with its ten unacknowledged messages
            broker.startAgain();
            MqttClient back = new MqttClient(broker.url(), "gateway", new MemoryPersistence());
            back.connect(new MqttConnectionOptions());
            publish(back, 10, 12);
            pollUntil(reader, read, 12);
            pollFor(reader, read, Duration.ofSeconds(2));
            assertThat(texts(read))
                    .as("each once, the resent ten included")
                    .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
            reader.close();
            back.disconnect();
            back.close();
        }
    }

    /** Marker messages until one comes through, so that the session's subscription is in place. */
    private static void awaitSubscribed(
            MqttSourceReader reader, TestingReaderOutput<MqttPayload> output, MqttClient gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (output.getEmittedRecords().isEmpty() && System.nanoTime() < deadline) {
            MqttMessage marker = new MqttMessage("marker".getBytes(StandardCharsets.UTF_8));
            marker.setQos(0);
            gateway.publish(TOPIC, marker);
            pollFor(reader, output, Duration.ofMillis(200));
        }
        assertThat(output.getEmittedRecords()).isNotEmpty();
    }

    private static void publish(MqttClient gateway, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            MqttMessage message = new MqttMessage(("m" + i).getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            gateway.publish(TOPIC, message);
        }
    }

    private static void pollUntil(MqttSourceReader reader, TestingReaderOutput<MqttPayload> output, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (output.getEmittedRecords().size() < count && System.nanoTime() < deadline) {
            pollFor(reader, output, Duration.ofMillis(50));
        }
        assertThat(output.getEmittedRecords()).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void pollFor(MqttSourceReader reader, TestingReaderOutput<MqttPayload> output, Duration time)
            throws Exception {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            reader.pollNext(output);
            Thread.sleep(5);
        }
    }

    private static List<String> texts(TestingReaderOutput<MqttPayload> output) {
        return output.getEmittedRecords().stream()
                .map(p -> new String(p.payload, StandardCharsets.UTF_8))
                .toList();
    }
}
