package io.envwatch.alerting.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.delivery.ResendWindow;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands accepted complaints to the job through the broker with QoS 1: the future completes when
 * the broker has acknowledged the message, so a complaint is only confirmed to its sender once it
 * cannot be lost. Never blocks the caller.
 *
 * <p>"Cannot be lost" needs the resend: Mosquitto acknowledges before it has saved the message, and
 * a crash loses what it acknowledged in its last moments. So every acknowledged complaint is kept
 * for a {@link ResendWindow} and sent again after each reconnect; the job takes a complaint id once.
 */
public final class ComplaintPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintPublisher.class);
    /** Paho's reason code for "too many publishes in progress". */
    private static final int TOO_MANY_IN_FLIGHT = 32202;

    private final MqttAsyncClient client;
    private final String topic;
    private final ResendWindow window = new ResendWindow();
    private final ExecutorService resender;

    private ComplaintPublisher(MqttAsyncClient client, String topic) {
        this.client = client;
        this.topic = topic;
        this.resender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "complaint-resend");
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new MqttCallback() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    resender.execute(ComplaintPublisher.this::resend);
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                LOG.warn("complaints: broker connection lost ({}); reconnecting", response.getException() == null
                        ? response.getReasonString() : response.getException().getMessage());
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    }

    public static ComplaintPublisher connect(String brokerUrl, String clientId, String username, String password)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        ComplaintPublisher publisher = new ComplaintPublisher(client, ComplaintCodec.topicFor(clientId));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(15_000);
        return publisher;
    }

    public CompletableFuture<Void> publish(Complaint complaint) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] payload = ComplaintCodec.encode(complaint);
        try {
            client.publish(topic, qos1(payload), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.acknowledged(topic, payload);
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    done.completeExceptionally(error);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static MqttMessage qos1(byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        return message;
    }

    private void resend() {
        try {
            ResendWindow.Resent r = window.resend((to, payload, settled) -> {
                try {
                    client.publish(to, qos1(payload), null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            settled.run();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable error) {
                            settled.run();
                        }
                    });
                    return true;
                } catch (MqttException e) {
                    if (e.getReasonCode() == TOO_MANY_IN_FLIGHT) {
                        return false;
                    }
                    throw e;
                }
            });
            LOG.info("complaints: reconnected to the broker; {}", r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Complaints sent again after reconnects. */
    public long resent() {
        return window.resent();
    }

    /** Whether the broker connection is up now (it reconnects by itself when it is not). */
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        resender.shutdownNow();
        try {
            client.disconnect(2_000).waitForCompletion(3_000);
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
