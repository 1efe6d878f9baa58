package io.envwatch.ingest.mqtt.source.reader;

import io.envwatch.ingest.mqtt.source.MqttClients;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * unacknowledged messages per session than the Receive Maximum. A session that stays disconnected
 * longer than {@link MqttSourceConfig#maxDisconnected} fails the reader, so that Flink restarts it
 * with new clients from the last checkpoint.
 */
final class MqttSplitReader implements SplitReader<MqttDelivery, MqttSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitReader.class);
    private static final int MAX_BATCH = 10_000;
    /** Filters per SUBSCRIBE packet: a city's gateways would otherwise make one very large packet. */
    private static final int FILTERS_PER_SUBSCRIBE = 500;

    private static final long DISCONNECTED_LOG_EVERY_MS = 10_000;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    static final int KEEP_ALIVE_SECONDS = 10;
    private static final long MIN_RECONNECT_BACKOFF_MS = 250;
    private static final long MAX_RECONNECT_BACKOFF_MS = 5_000;
    private static final MqttDelivery WAKE_UP = new MqttDelivery("", 0, 0, 0, "", new byte[0], 0);

    private final MqttSourceConfig config;
    private final MqttSessions sessions;
    private final LinkedBlockingQueue<MqttDelivery> queue = new LinkedBlockingQueue<>();
    private final Map<String, Link> links = new HashMap<>();

    MqttSplitReader(MqttSourceConfig config, MqttSessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    @Override
    public RecordsWithSplitIds<MqttDelivery> fetch() throws IOException {
        checkConnections(System.currentTimeMillis());
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

    /**
     * Reconnects lost sessions itself, each with a fresh Paho client, instead of Paho's automatic
     * reconnect: Paho 1.2.5 can hang on a reconnect (seen in its sender's start, minutes with nothing
     * logged) and never come back. While a session is down this says so every 10 s; past
     * {@link MqttSourceConfig#maxDisconnected} it fails the reader, so that Flink restarts it from
     * the last checkpoint.
     */
    private void checkConnections(long now) throws IOException {
        for (Link link : links.values()) {
            if (link.client.isConnected()) {
                if (link.downSince >= 0) {
                    LOG.info(
                            "MQTT source: {} connected again after {} ms", link.split.clientId(), now - link.downSince);
                    link.downSince = -1;
                    link.backoff = MIN_RECONNECT_BACKOFF_MS;
                }
                continue;
            }
            if (link.downSince < 0) {
                link.downSince = now;
                link.lastLogged = now;
                link.nextAttempt = now;
            }
            long down = now - link.downSince;
            if (down > config.maxDisconnected().toMillis()) {
                throw new IOException("MQTT source: " + link.split.clientId() + " has been disconnected from "
                        + config.brokerUrl() + " for " + down / 1000 + " s (limit "
                        + config.maxDisconnected().toSeconds()
                        + " s); failing the reader so that Flink restarts it");
            }
            if (now - link.lastLogged >= DISCONNECTED_LOG_EVERY_MS) {
                link.lastLogged = now;
                LOG.warn(
                        "MQTT source: {} still disconnected from {} after {} s; the reader fails after {} s",
                        link.split.clientId(),
                        config.brokerUrl(),
                        down / 1000,
                        config.maxDisconnected().toSeconds());
            }
            if (now >= link.nextAttempt) {
                reconnect(link, now);
            }
        }
    }

    private void reconnect(Link link, long now) {
        release(link.client);
        try {
            link.client = connect(link.split);
        } catch (MqttException | RuntimeException e) {
            link.nextAttempt = now + link.backoff;
            LOG.warn(
                    "MQTT source: reconnecting {} to {} failed ({}); next attempt in {} ms",
                    link.split.clientId(),
                    config.brokerUrl(),
                    e.getMessage(),
                    link.backoff);
            link.backoff = Math.min(MAX_RECONNECT_BACKOFF_MS, link.backoff * 2);
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<MqttSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("MQTT sessions are never removed from a reader: " + change);
        }
        for (MqttSplit split : change.splits()) {
            try {
                links.put(split.clientId(), new Link(split, connect(split)));
            } catch (MqttException e) {
                throw new IllegalStateException(
                        "MQTT source cannot connect " + split.clientId() + " to " + config.brokerUrl() + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** Connects a new client to the split's session (clean start off, so the broker resumes it) and subscribes its filters. */
    private MqttAsyncClient connect(MqttSplit split) throws MqttException {
        String clientId = split.clientId();
        List<String> filters = config.filtersOf(split);
        MqttAsyncClient client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback(clientId));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        options.setAutomaticReconnect(false);
        // A path that silently drops packets is noticed within about two keep-alives, then the
        // reader reconnects (and says so) instead of waiting on TCP's retransmissions.
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(10);
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(
                    config.password() == null ? null : config.password().getBytes(StandardCharsets.UTF_8));
        }
        // Acknowledgements go to the newest connection; deliveries of an older one are never acked
        // on it (their packet ids may be reused), the broker resends them on this one.
        sessions.register(clientId, client);
        long epoch = sessions.newEpoch(clientId);
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(CONNECT_TIMEOUT_MS);
            boolean resumed = token.getSessionPresent();
            subscribe(client, clientId, filters);
            if (split.sessions() > 0) {
                // A session that read the shared subscription of an earlier version would keep
                // receiving a share of the readings next to its own topics.
                client.unsubscribe(MqttSourceConfig.LEGACY_SHARED_SUBSCRIPTION).waitForCompletion(CONNECT_TIMEOUT_MS);
            }
            LOG.info(
                    "MQTT source: {} connected to {} (connection {}, {} session), subscribed to {} topic filter(s): {}",
                    clientId,
                    config.brokerUrl(),
                    epoch,
                    resumed ? "resumed" : "new",
                    filters.size(),
                    abbreviate(filters));
            return client;
        } catch (MqttException | RuntimeException e) {
            release(client);
            throw e;
        }
    }

    /** Subscribes the session's filters and refuses to run with one the broker refused. */
    private static void subscribe(MqttAsyncClient client, String clientId, List<String> filters) throws MqttException {
        for (int from = 0; from < filters.size(); from += FILTERS_PER_SUBSCRIBE) {
            List<String> chunk = filters.subList(from, Math.min(filters.size(), from + FILTERS_PER_SUBSCRIBE));
            int[] qos = new int[chunk.size()];
            Arrays.fill(qos, 1);
            IMqttToken token = client.subscribe(chunk.toArray(String[]::new), qos);
            token.waitForCompletion(CONNECT_TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length && i < chunk.size(); i++) {
                if (codes[i] >= 0x80) {
                    throw new IllegalStateException(
                            "the broker refused " + clientId + "'s subscription to " + chunk.get(i) + " (reason code 0x"
                                    + Integer.toHexString(codes[i]) + "): check the job's ACL");
                }
            }
        }
    }

    private static void release(MqttAsyncClient client) {
        MqttClients.release(client, 1_000);
    }

    private static String abbreviate(List<String> filters) {
        return filters.size() <= 6
                ? filters.toString()
                : filters.subList(0, 5) + " and " + (filters.size() - 5) + " more";
    }

    /** One session and its current client, with the state of its reconnection. Fetcher thread only. */
    private static final class Link {
        final MqttSplit split;
        MqttAsyncClient client;
        long downSince = -1;
        long lastLogged;
        long nextAttempt;
        long backoff = MIN_RECONNECT_BACKOFF_MS;

        Link(MqttSplit split, MqttAsyncClient client) {
            this.split = split;
            this.client = client;
        }
    }

    private final class Callback implements MqttCallback {
        private final String clientId;

        Callback(String clientId) {
            this.clientId = clientId;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(new MqttDelivery(
                    clientId,
                    sessions.epoch(clientId),
                    message.getId(),
                    message.getQos(),
                    topic,
                    message.getPayload(),
                    System.currentTimeMillis()));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT source: {} disconnected: {}; reconnecting", clientId, response);
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
        for (Link link : links.values()) {
            sessions.unregister(link.split.clientId());
            MqttAsyncClient client = link.client;
            try {
                // Unacknowledged messages stay in the broker's session for the next run.
                if (client.isConnected()) {
                    client.disconnect(5_000).waitForCompletion(6_000);
                }
            } catch (MqttException e) {
                LOG.debug("MQTT source: disconnect of {} failed: {}", link.split.clientId(), e.getMessage());
            } finally {
                release(client);
            }
        }
        links.clear();
    }
}
