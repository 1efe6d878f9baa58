package io.envwatch.ingest.mqtt.source;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the source does with Paho clients it gives up on. */
public final class MqttClients {
    private static final Logger LOG = LoggerFactory.getLogger(MqttClients.class);

    private MqttClients() {}

    /**
     * Drops a client whatever state it is in, without waiting on the broker (it may be gone, or the
     * client hung) and without throwing: Paho refuses to close a client still connecting ("Connect
     * already in progress"), which must not replace the reason the client is given up.
     *
     * @param disconnectTimeoutMs how long Paho may take to tear the connection down
     */
    public static void release(MqttAsyncClient client, long disconnectTimeoutMs) {
        try {
            client.disconnectForcibly(0, disconnectTimeoutMs, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT source: dropping {}: {}", client.getClientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT source: closing {}: {}", client.getClientId(), e.getMessage());
        }
    }
}
