package io.envwatch.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sender's QoS 1 publisher that keeps what the broker acknowledged for a {@link ResendWindow} and
 * sends it again after every automatic reconnect of its Paho client. It owns the client's callback,
 * and says when the connection is lost and what it sent again. The simulator, the load generator,
 * the reliability tests' gateways and the duty service's complaints publish through it.
 */
public final class ResendingPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResendingPublisher.class);
    /** Paho's reason code for "too many publishes in progress" (the broker's Receive Maximum reached). */
    private static final int TOO_MANY_IN_FLIGHT = 32202;

    private final MqttAsyncClient client;
    private final ResendWindow window;
    private final ExecutorService resender;

    public ResendingPublisher(MqttAsyncClient client, ResendWindow window) {
        this.client = client;
        this.window = window;
        this.resender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "resend-" + client.getClientId());
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new ReconnectCallback(client.getClientId(), this::resend));
    }

    /**
     * Publishes at QoS 1. The future completes when the broker acknowledged the message, which is
     * then kept for the window; it fails if the publish did, and nothing is kept.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
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

    private void resend() {
        resender.execute(() -> {
            try {
                ResendWindow.Resent r = window.resend(this::sendAgain);
                LOG.info("{}: reconnected; {}", client.getClientId(), r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private boolean sendAgain(String topic, byte[] payload, Runnable settled) throws MqttException {
        try {
            client.publish(topic, qos1(payload), null, new MqttActionListener() {
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
    }

    private static MqttMessage qos1(byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        return message;
    }

    public ResendWindow window() {
        return window;
    }

    @Override
    public void close() {
        resender.shutdownNow();
    }

    /** Paho's callback with only the connection of interest: a sender publishes, it receives nothing. */
    private static final class ReconnectCallback implements MqttCallback {
        private final String clientId;
        private final Runnable onReconnect;

        ReconnectCallback(String clientId, Runnable onReconnect) {
            this.clientId = clientId;
            this.onReconnect = onReconnect;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                onReconnect.run();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn(
                    "{}: connection to the broker lost ({}); reconnecting",
                    clientId,
                    response.getException() == null
                            ? "reason " + response.getReturnCode()
                            : response.getException().getMessage());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
