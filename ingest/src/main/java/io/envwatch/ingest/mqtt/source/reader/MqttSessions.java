package io.envwatch.ingest.mqtt.source.reader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement ledger of one source reader. A QoS 1 message is acknowledged to the broker
 * only when the checkpoint that covers it has completed; until then the broker keeps it in the
 * session and redelivers it after a failure. The fetcher thread registers clients and their
 * connection epochs; the task thread (emit, snapshot, checkpoint-complete) does the rest.
 */
final class MqttSessions {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSessions.class);

    /** Sends the acknowledgement of one message on its session's current connection. */
    @FunctionalInterface
    interface Acknowledger {
        void ack(int messageId, int qos) throws MqttException;
    }

    private final Map<String, Acknowledger> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();
    /** Emitted since the last snapshot, per client: (epoch, packet id). Task thread only. */
    private List<MqttDelivery> sinceSnapshot = new ArrayList<>();
    /** Covered by a snapshot whose checkpoint has not completed yet. Task thread only. */
    private final NavigableMap<Long, List<MqttDelivery>> awaitingCheckpoint = new TreeMap<>();
    private long acknowledged;

    void register(String clientId, MqttAsyncClient client) {
        register(clientId, client::messageArrivedComplete);
    }

    void register(String clientId, Acknowledger client) {
        clients.put(clientId, client);
        epochs.computeIfAbsent(clientId, id -> new AtomicLong());
    }

    void unregister(String clientId) {
        clients.remove(clientId);
    }

    /** A new connection of the session: ids from the old one are void, the broker resends those messages. */
    long newEpoch(String clientId) {
        return epochs.computeIfAbsent(clientId, id -> new AtomicLong()).incrementAndGet();
    }

    long epoch(String clientId) {
        AtomicLong epoch = epochs.get(clientId);
        return epoch == null ? 0 : epoch.get();
    }

    void emitted(MqttDelivery delivery) {
        if (delivery.qos() > 0) {
            sinceSnapshot.add(delivery);
        }
    }

    void snapshot(long checkpointId) {
        awaitingCheckpoint.put(checkpointId, sinceSnapshot);
        sinceSnapshot = new ArrayList<>();
    }

    /** Acknowledges everything covered by this checkpoint and by any older one that was subsumed. */
    void checkpointComplete(long checkpointId) {
        NavigableMap<Long, List<MqttDelivery>> done = awaitingCheckpoint.headMap(checkpointId, true);
        Set<String> stale = new LinkedHashSet<>();
        for (List<MqttDelivery> deliveries : done.values()) {
            for (MqttDelivery d : deliveries) {
                Acknowledger client = clients.get(d.clientId());
                if (client == null || d.epoch() != epoch(d.clientId())) {
                    // Arrived on an earlier connection: the broker has already redelivered it on the
                    // current one, where it will be acknowledged; acking the old id could ack another message.
                    stale.add(d.clientId());
                    continue;
                }
                try {
                    client.ack(d.messageId(), d.qos());
                    acknowledged++;
                } catch (MqttException e) {
                    // The connection dropped: the broker will redeliver, and the copy is written idempotently.
                    LOG.warn("MQTT ack of message {} on {} failed ({}); it will be redelivered", d.messageId(),
                            d.clientId(), e.getMessage());
                }
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("MQTT source: skipped acks from earlier connections of {}", stale);
        }
        done.clear();
    }

    /** Checkpoints that failed or were aborted leave their deliveries for the next completed one. */
    int pending() {
        int n = sinceSnapshot.size();
        for (List<MqttDelivery> list : awaitingCheckpoint.values()) {
            n += list.size();
        }
        return n;
    }

    long acknowledged() {
        return acknowledged;
    }
}
