package io.envwatch.alerting.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Hands accepted complaints to the job through the broker with QoS 1: the future completes when
 * the broker has acknowledged the message, so a complaint is only confirmed to its sender once it
 * cannot be lost. Never blocks the caller.
 */
public final class ComplaintPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final String topic;

    private ComplaintPublisher(MqttAsyncClient client, String topic) {
        this.client = client;
        this.topic = topic;
    }

    public static ComplaintPublisher connect(String brokerUrl, String clientId, String username, String password)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(15_000);
        return new ComplaintPublisher(client, ComplaintCodec.topicFor(clientId));
    }

    public CompletableFuture<Void> publish(Complaint complaint) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage message = new MqttMessage(ComplaintCodec.encode(complaint));
        message.setQos(1);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
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

    /** Whether the broker connection is up now (it reconnects by itself when it is not). */
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            client.disconnect(2_000).waitForCompletion(3_000);
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
