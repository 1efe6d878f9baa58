package io.envwatch.alerting.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.local.LocalMosquitto;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A complaint answered 202 is one the broker acknowledged; a kill -9 of Mosquitto can lose what it
 * acknowledged in its last moments. The publisher sends again, after its reconnect, what was
 * acknowledged in the last minute: a reader with a persistent session (as the job's) receives every
 * acknowledged complaint, through a clean restart and a crash of a real, persistent Mosquitto.
 */
@Tag("reliability")
class ComplaintPublisherIT {
    @Test
    void everyAcknowledgedComplaintReachesTheReaderThroughBrokerRestarts() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"))) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            MqttClient reader = persistentReader(broker.url(), received);
            // The reader's session reaches the broker's disk with its next autosave.
            Thread.sleep((LocalMosquitto.AUTOSAVE_SECONDS + 1) * 1_000L);

            List<String> acknowledged = new CopyOnWriteArrayList<>();
            ComplaintPublisher publisher = ComplaintPublisher.connect(broker.url(), "duty-service", null, null);
            Thread filing = new Thread(
                    () -> {
                        for (int n = 0; !Thread.currentThread().isInterrupted(); n++) {
                            Complaint c = new Complaint();
                            c.id = "C-" + n;
                            c.category = "noise";
                            c.observedAt = 1_780_000_000_000L + n;
                            c.receivedAt = c.observedAt;
                            try {
                                publisher.publish(c).get(5, TimeUnit.SECONDS);
                                acknowledged.add(c.id);
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                // not acknowledged: the citizen would have been told to try again
                            }
                        }
                    },
                    "filing");
            filing.start();
            Thread.sleep(2_000);
            broker.stop(false);
            broker.startAgain();
            Thread.sleep((LocalMosquitto.AUTOSAVE_SECONDS + 2) * 1_000L);
            broker.stop(true);
            broker.startAgain();
            Thread.sleep(4_000);
            filing.interrupt();
            filing.join(10_000);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!received.containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<String> missing =
                    acknowledged.stream().filter(id -> !received.contains(id)).toList();
            System.out.println("RELIABILITY complaints through broker restarts: acknowledged " + acknowledged.size()
                    + ", received " + received.size() + ", missing " + missing.size() + ", sent again "
                    + publisher.resent());
            assertThat(acknowledged).hasSizeGreaterThan(500);
            assertThat(publisher.resent()).isPositive();
            assertThat(missing).isEmpty();
            publisher.close();
            reader.disconnectForcibly(1_000);
            reader.close();
        }
    }

    /** A reader as the job's source is one: a session kept across its disconnects and the broker's restarts. */
    private static MqttClient persistentReader(String url, Set<String> received) throws MqttException {
        MqttClient reader = new MqttClient(url, "complaint-reader", new MemoryPersistence());
        reader.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                ComplaintCodec.decode(message.getPayload()).ifPresent(c -> received.add(c.id));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3_600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        reader.connect(options);
        reader.subscribe(ComplaintCodec.TOPIC_PREFIX + "+", 1);
        return reader;
    }
}
