package io.envwatch.ingest.mqtt.source.enumerator;

import io.envwatch.ingest.mqtt.source.MqttClients;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * How many sessions an earlier run of the job left on the broker under the client-id prefix:
 * {@code prefix-0}, {@code prefix-1}, ... as long as the broker has one (MQTT tells a client
 * whether its session was present when it connects; there is no other way to ask). A session the
 * probe finds is left as it was, its unacknowledged messages resent to the reader that connects
 * next; one it does not find, which its own connection has just made, is ended with it (session
 * expiry 0 on disconnect).
 */
final class SessionsOnTheBroker implements MqttSplitEnumerator.SessionCount {
    /** Far above any parallelism; a broker with more sessions under the prefix has someone else's. */
    static final int MAX = 1024;

    private static final long TIMEOUT_MS = 10_000;
    private final MqttSourceConfig config;

    SessionsOnTheBroker(MqttSourceConfig config) {
        this.config = config;
    }

    @Override
    public int existing() throws MqttException {
        for (int k = 0; k < MAX; k++) {
            if (!present(config.clientIdPrefix() + "-" + k)) {
                return k;
            }
        }
        return MAX;
    }

    private boolean present(String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
        try {
            // Messages the broker resends to a found session stay unacknowledged, for its reader.
            client.setManualAcks(true);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
            options.setReceiveMaximum(1);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
            if (config.username() != null) {
                options.setUserName(config.username());
                options.setPassword(
                        config.password() == null ? null : config.password().getBytes(StandardCharsets.UTF_8));
            }
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(TIMEOUT_MS);
            boolean present = connected.getSessionPresent();
            MqttProperties goodbye = new MqttProperties();
            if (!present) {
                goodbye.setSessionExpiryInterval(0L);
            }
            client.disconnect(TIMEOUT_MS, null, null, 0, goodbye).waitForCompletion(TIMEOUT_MS);
            return present;
        } finally {
            MqttClients.release(client, 0);
        }
    }
}
