package io.envwatch.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import io.envwatch.local.LocalMosquitto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/** One reader's sessions against a real Mosquitto that goes away: it reconnects, or it fails loudly. */
class MqttSplitReaderIT {
    private static final String TOPIC = "envwatch/v1/readings/gw-a";

    @Test
    void aSessionComesBackWithTheBrokerAndMessagesPublishedWhileAwayArrive() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"))) {
            MqttSplitReader reader = reader(broker, Duration.ofSeconds(60));
            try {
                broker.stop(false);
                broker.startAgain();
                publish(broker, "while the reader was away");
                List<String> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    received.addAll(payloads(reader.fetch()));
                }
                assertThat(received).containsExactly("while the reader was away");
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aSessionThatCannotReconnectFailsTheReaderAfterTheLimit() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            MqttSplitReader reader = reader(broker, Duration.ofSeconds(2));
            try {
                broker.stop(true);
                long started = System.nanoTime();
                assertThatThrownBy(() -> {
                            while (System.nanoTime() - started
                                    < Duration.ofSeconds(30).toNanos()) {
                                reader.fetch();
                            }
                        })
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("reader-a-0 has been disconnected from")
                        .hasMessageContaining("limit 2 s");
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
            } finally {
                reader.close();
            }
        }
    }

    private static MqttSplitReader reader(LocalMosquitto broker, Duration maxDisconnected) throws Exception {
        MqttSourceConfig config =
                MqttSourceConfig.of(broker.url(), List.of(TOPIC), "reader-a").withMaxDisconnected(maxDisconnected);
        MqttSplitReader reader = new MqttSplitReader(config, new MqttSessions());
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(new MqttSplit("reader-a-0", 0, 1))));
        return reader;
    }

    private static void publish(LocalMosquitto broker, String text) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "publisher", new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        MqttMessage message = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(TOPIC, message);
        client.disconnect();
        client.close();
    }

    private static List<String> payloads(RecordsWithSplitIds<MqttDelivery> records) {
        List<String> out = new ArrayList<>();
        while (records.nextSplit() != null) {
            MqttDelivery d;
            while ((d = records.nextRecordFromSplit()) != null) {
                out.add(new String(d.payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
