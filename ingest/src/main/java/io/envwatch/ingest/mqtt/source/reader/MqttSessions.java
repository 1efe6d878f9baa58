package io.envwatch.ingest.mqtt.source.reader;

import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>It also keeps the job from taking a message twice. A message read but not yet acknowledged
 * is sent again by the broker, with its original packet id, when its session reconnects: after a
 * dropped connection, and after a restore from a checkpoint that already holds it, if the job died
 * before acknowledging. Stored readings would not show it (writes are idempotent), but every count
 * and energy average would take it twice. So the keys of read, unacknowledged messages go into
 * each checkpoint, and a resent copy of one of them is acknowledged without being read again.
 * Mosquitto 2.0 resends without the DUP flag, so a copy is known by its key alone; a broker
 * resends what it owes first and in order, so the first message that is not a copy ends the wait.
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
    /** Per session: keys of messages already read that the broker may send again, with their counts. Task thread only. */
    private final Map<String, Map<Long, Integer>> copies = new HashMap<>();
    /** Per session: the newest connection the task thread has seen a message of. Task thread only. */
    private final Map<String, Long> seenEpoch = new HashMap<>();

    private long copiesSkipped;
    private long copiesLogged;

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

    /**
     * Whether the job should read this message: false for a resent copy of one it has already
     * read (whose new copy is then acknowledged after the next checkpoint, like any other).
     */
    boolean admit(MqttDelivery delivery) {
        String client = delivery.clientId();
        if (delivery.epoch() > seenEpoch.getOrDefault(client, 0L)) {
            // The first message of a new connection: what earlier ones read and left unacknowledged comes again.
            seenEpoch.put(client, delivery.epoch());
            Map<Long, Integer> expected = copies.computeIfAbsent(client, c -> new HashMap<>());
            forEachPending(d -> {
                if (d.clientId().equals(client) && d.epoch() < delivery.epoch()) {
                    expected.merge(d.key(), 1, Integer::sum);
                }
            });
        }
        if (delivery.qos() == 0) {
            return true;
        }
        Map<Long, Integer> expected = copies.get(client);
        if (expected == null) {
            return true;
        }
        long key = delivery.key();
        Integer n = expected.get(key);
        if (n == null) {
            // Not a copy. A broker resends what it owes a session first and in order, so every copy
            // still expected was acknowledged before the job stopped and will not come.
            copies.remove(client);
            return true;
        }
        if (n == 1) {
            expected.remove(key);
        } else {
            expected.put(key, n - 1);
        }
        emitted(delivery);
        copiesSkipped++;
        return false;
    }

    /** After a restore: the messages the restored checkpoint holds that the broker may resend to this session. */
    void expectCopies(String clientId, List<Long> keys) {
        Map<Long, Integer> expected = copies.computeIfAbsent(clientId, c -> new HashMap<>());
        keys.forEach(k -> expected.merge(k, 1, Integer::sum));
    }

    /**
     * For a checkpoint of this session: the keys of the messages it holds that the broker may
     * still resend (read and not acknowledged, or copies still owed from an earlier connection).
     */
    List<Long> copiesToCheckpoint(String clientId) {
        List<Long> keys = new ArrayList<>();
        copies.getOrDefault(clientId, Map.of()).forEach((k, n) -> {
            for (int i = 0; i < n; i++) {
                keys.add(k);
            }
        });
        long current = seenEpoch.getOrDefault(clientId, 0L);
        forEachPending(d -> {
            if (d.clientId().equals(clientId) && d.epoch() == current) {
                keys.add(d.key());
            }
        });
        return keys;
    }

    private void forEachPending(java.util.function.Consumer<MqttDelivery> action) {
        awaitingCheckpoint.values().forEach(list -> list.forEach(action));
        sinceSnapshot.forEach(action);
    }

    /** Resent copies of messages already read, acknowledged without being read again. */
    long copiesSkipped() {
        return copiesSkipped;
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
                    LOG.warn(
                            "MQTT ack of message {} on {} failed ({}); it will be redelivered",
                            d.messageId(),
                            d.clientId(),
                            e.getMessage());
                }
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("MQTT source: skipped acks from earlier connections of {}", stale);
        }
        if (copiesSkipped > copiesLogged) {
            LOG.info(
                    "MQTT source: {} message(s) the broker sent again were already read; acknowledged, not read twice",
                    copiesSkipped - copiesLogged);
            copiesLogged = copiesSkipped;
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
