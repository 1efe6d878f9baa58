package io.envwatch.alerting.complaints;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Hands accepted complaints to the job through the broker with QoS 1: the future completes when
 * the broker has acknowledged the message, so a complaint is only confirmed to its sender once it
 * cannot be lost. Never blocks the caller.
 *
 * <p>"Cannot be lost" needs the resend: Mosquitto acknowledges before it has saved the message, and
 * a crash loses what it acknowledged in its last moments. So every acknowledged complaint is kept
 * for a {@link ResendWindow} and sent again after each reconnect ({@link ResendingPublisher}); the
 * job takes a complaint id once.
 */
public final class ComplaintPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final ResendingPublisher publisher;
    private final String topic;

    private ComplaintPublisher(MqttAsyncClient client, String topic) {
        this.client = client;
        this.publisher = new ResendingPublisher(client, new ResendWindow());
        this.topic = topic;
    }

    public static ComplaintPublisher connect(String brokerUrl, String clientId, String username, String password)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        ComplaintPublisher complaints = new ComplaintPublisher(client, ComplaintCodec.topicFor(clientId));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(15_000);
        return complaints;
    }

    public CompletableFuture<Void> publish(Complaint complaint) {
        return publisher.publish(topic, ComplaintCodec.encode(complaint));
    }

    /** Complaints sent again after reconnects. */
    public long resent() {
        return publisher.window().resent();
    }

    /** Whether the broker connection is up now (it reconnects by itself when it is not). */
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        publisher.close();
        try {
            client.disconnect(2_000).waitForCompletion(3_000);
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
