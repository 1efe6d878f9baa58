package io.envwatch.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.local.LocalMosquitto;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/** Counting an earlier run's sessions on a real Mosquitto, and leaving them (and no new one) as they were. */
class SessionsOnTheBrokerIT {
    private static final String TOPIC = "envwatch/v1/readings/gw-a";

    @Test
    void theSessionsAreCountedAndLeftWithTheirMessages() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            for (int k = 0; k < 3; k++) {
                MqttClient earlier = connect(broker, "earlier-" + k);
                earlier.subscribe(TOPIC, 1);
                earlier.disconnect();
                earlier.close();
            }
            MqttClient gateway = new MqttClient(broker.url(), "gateway", new MemoryPersistence());
            gateway.connect();
            MqttMessage reading = new MqttMessage("queued".getBytes(StandardCharsets.UTF_8));
            reading.setQos(1);
            gateway.publish(TOPIC, reading);
            gateway.disconnect();
            gateway.close();

            MqttSourceConfig config = MqttSourceConfig.of(broker.url(), List.of(TOPIC), "earlier");
            assertThat(new SessionsOnTheBroker(config).existing()).isEqualTo(3);
            assertThat(new SessionsOnTheBroker(config).existing())
                    .as("asking again finds the same, and made none")
                    .isEqualTo(3);

            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient reader = new MqttClient(broker.url(), "earlier-2", new MemoryPersistence());
            reader.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

                public void messageArrived(String topic, MqttMessage m) {
                    received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                }

                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {}

                public void connectComplete(boolean reconnect, String uri) {}

                public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
            });
            IMqttToken resumed = reader.connectWithResult(options());
            assertThat(resumed.getSessionPresent()).isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(received)
                    .as("the message the probe saw is still the session's")
                    .containsExactly("queued");
            reader.disconnect();
            reader.close();

            MqttClient next = new MqttClient(broker.url(), "earlier-3", new MemoryPersistence());
            assertThat(next.connectWithResult(options()).getSessionPresent())
                    .as("no session left behind")
                    .isFalse();
            next.disconnect();
            next.close();
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsReportedAsNotAnsweringNotAsAConnectInProgress() throws Exception {
        // A broker so loaded (or a port so wrong) that it accepts the connection and never answers
        // CONNECT: the probe's error must say so, as the job's reason for not starting.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MqttSourceConfig config =
                    MqttSourceConfig.of("tcp://127.0.0.1:" + silent.getLocalPort(), List.of(TOPIC), "probe");
            assertThatThrownBy(() -> new SessionsOnTheBroker(config).existing())
                    .isInstanceOf(MqttException.class)
                    .hasMessageNotContaining("Connect already in progress")
                    .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                            .isEqualTo(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT));
        }
    }

    private static MqttClient connect(LocalMosquitto broker, String clientId) throws Exception {
        MqttClient client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        client.connect(options());
        return client;
    }

    private static MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        return options;
    }
}
