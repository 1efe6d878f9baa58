package io.envwatch.ingest.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
 * Runs the Paho clients of one reader's sessions and hands their messages to Flink in batches.
 * Paho's callback thread only enqueues; the broker bounds the queue, because it sends no more
 * unacknowledged messages per session than the Receive Maximum.
 */
final class MqttSplitReader implements SplitReader<MqttDelivery, MqttSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitReader.class);
    private static final int MAX_BATCH = 10_000;
    private static final MqttDelivery WAKE_UP = new MqttDelivery("", 0, 0, 0, "", new byte[0], 0);

    private final MqttSourceConfig config;
    private final MqttSessions sessions;
    private final LinkedBlockingQueue<MqttDelivery> queue = new LinkedBlockingQueue<>();
    private final Map<String, MqttAsyncClient> clients = new HashMap<>();

    MqttSplitReader(MqttSourceConfig config, MqttSessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    @Override
    public RecordsWithSplitIds<MqttDelivery> fetch() {
        List<MqttDelivery> batch = new ArrayList<>();
        try {
            MqttDelivery first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RecordsBySplits.Builder<MqttDelivery> records = new RecordsBySplits.Builder<>();
        for (MqttDelivery d : batch) {
            if (d != WAKE_UP) {
                records.add(d.clientId(), d);
            }
        }
        return records.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<MqttSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("MQTT sessions are never removed from a reader: " + change);
        }
        for (MqttSplit split : change.splits()) {
            try {
                clients.put(split.clientId(), connect(split.clientId()));
            } catch (MqttException e) {
                throw new IllegalStateException("MQTT source cannot connect " + split.clientId() + " to "
                        + config.brokerUrl() + ": " + e.getMessage(), e);
            }
        }
    }

    private MqttAsyncClient connect(String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback(clientId, client));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password() == null ? null : config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        sessions.register(clientId, client);
        sessions.newEpoch(clientId);
        IMqttToken token = client.connect(options);
        token.waitForCompletion(15_000);
        boolean resumed = token.getSessionPresent();
        client.subscribe(config.subscription(), 1).waitForCompletion(15_000);
        LOG.info("MQTT source: {} connected to {} ({} session), subscribed to {}", clientId, config.brokerUrl(),
                resumed ? "resumed" : "new", config.subscription());
        return client;
    }

    private final class Callback implements MqttCallback {
        private final String clientId;
        private final MqttAsyncClient client;

        Callback(String clientId, MqttAsyncClient client) {
            this.clientId = clientId;
            this.client = client;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(new MqttDelivery(clientId, sessions.epoch(clientId), message.getId(), message.getQos(), topic,
                    message.getPayload(), System.currentTimeMillis()));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                long epoch = sessions.newEpoch(clientId);
                LOG.info("MQTT source: {} reconnected to {} (connection {})", clientId, serverURI, epoch);
                try {
                    client.subscribe(config.subscription(), 1);
                } catch (MqttException e) {
                    LOG.error("MQTT source: {} could not resubscribe: {}", clientId, e.getMessage());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT source: {} disconnected: {}", clientId, response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.error("MQTT source: {} error: {}", clientId, exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    @Override
    public void wakeUp() {
        queue.add(WAKE_UP);
    }

    @Override
    public void close() throws Exception {
        for (Map.Entry<String, MqttAsyncClient> entry : clients.entrySet()) {
            sessions.unregister(entry.getKey());
            MqttAsyncClient client = entry.getValue();
            try {
                // Unacknowledged messages stay in the broker's session for the next run.
                client.disconnect(5_000).waitForCompletion(6_000);
            } catch (MqttException e) {
                LOG.debug("MQTT source: disconnect of {} failed: {}", entry.getKey(), e.getMessage());
            } finally {
                client.close(true);
            }
        }
        clients.clear();
    }
}
