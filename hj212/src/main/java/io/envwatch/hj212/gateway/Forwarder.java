package io.envwatch.hj212.gateway;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.hj212.spool.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what the gateway acknowledged to loggers to the broker: each message is kept in the
 * {@link Spool} (forced to disk) before anyone hears "received", published at QoS 1, and forgotten
 * only once the broker acknowledged it. Until then it is published again every half second the
 * broker does not have it (down, restarting, refusing), oldest first, and after a restart of the
 * gateway everything still in the spool goes out again. Copies this may make are taken once by the
 * job (a reading's identity is its site, quantity and time).
 *
 * <p>The spool is written on one thread of its own, never on an event loop; the publishing runs on
 * another, so the broker's pace never holds the disk, and the disk never a logger's connection.
 */
public final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final Spool spool;
    private final MqttAsyncClient client;
    private final ResendingPublisher publisher;
    private final MqttConnectionOptions options;
    private final int maxInFlight;
    private final long maxBytes;
    private final ExecutorService disk;
    private final ScheduledExecutorService publishing;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean connectedOnce;
    private long unreachableSaid;
    private volatile boolean closed;

    public Forwarder(
            Spool spool,
            long maxBytes,
            String brokerUrl,
            String clientId,
            String user,
            String password,
            int maxInFlight)
            throws MqttException {
        this.spool = spool;
        this.maxBytes = maxBytes;
        this.maxInFlight = maxInFlight;
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.publisher = new ResendingPublisher(client, new ResendWindow());
        this.options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 5);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        this.disk = Executors.newSingleThreadExecutor(r -> daemon(r, "hj212-spool"));
        this.publishing = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hj212-publish"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects in the background (again and again until the broker first answers: the gateway takes
     * loggers' data into its spool meanwhile; Paho reconnects by itself after that) and publishes
     * what a previous run left in the spool.
     */
    public void start() {
        publishing.scheduleWithFixedDelay(this::connectOrPump, 0, 500, TimeUnit.MILLISECONDS);
        int left = spool.waiting();
        if (left > 0) {
            LOG.info("HJ 212 gateway: {} messages of a previous run wait in the spool for the broker", left);
        }
    }

    private void connectOrPump() {
        if (closed) {
            return;
        }
        if (!connectedOnce) {
            try {
                client.connect(options).waitForCompletion(6_000);
                connectedOnce = true;
                LOG.info("HJ 212 gateway: connected to the broker {}", client.getCurrentServerURI());
            } catch (MqttException e) {
                // Tried every half second: said once a minute.
                long now = System.currentTimeMillis();
                if (now - unreachableSaid >= 60_000) {
                    unreachableSaid = now;
                    LOG.warn(
                            "HJ 212 gateway: broker {} not reachable ({}); data stays in the spool",
                            client.getServerURI(),
                            e.getMessage());
                }
                return;
            }
        }
        pump();
    }

    /**
     * Keeps a message for the broker; completes once it is on disk (then the logger may be told),
     * or fails with {@link Spool.Full} when the spool's bound is reached (the logger must not be).
     */
    public CompletableFuture<Long> keep(String topic, byte[] payload) {
        CompletableFuture<Long> kept = new CompletableFuture<>();
        disk.execute(() -> {
            try {
                kept.complete(spool.append(record(topic, payload)));
            } catch (IOException | RuntimeException e) {
                kept.completeExceptionally(e);
                return;
            }
            publishing.execute(this::pump);
        });
        return kept;
    }

    /**
     * Keeps a message unless the spool is half full, then drops it and answers false: for the
     * gateway's own dead letters, which must never take the room data needs.
     */
    public CompletableFuture<Boolean> keepWhileRoom(String topic, byte[] payload) {
        CompletableFuture<Boolean> kept = new CompletableFuture<>();
        disk.execute(() -> {
            try {
                if (spool.bytes() > maxBytes / 2) {
                    kept.complete(false);
                    return;
                }
                spool.append(record(topic, payload));
                kept.complete(true);
            } catch (IOException | RuntimeException e) {
                kept.complete(false);
                return;
            }
            publishing.execute(this::pump);
        });
        return kept;
    }

    private void pump() {
        if (closed || !client.isConnected()) {
            return;
        }
        for (Spool.Entry e : spool.oldest(maxInFlight + inFlight.size())) {
            if (inFlight.size() >= maxInFlight) {
                return;
            }
            if (!inFlight.add(e.sequence())) {
                continue;
            }
            byte[] record = e.payload();
            int nl = indexOf(record, (byte) '\n');
            String topic = new String(record, 0, nl, StandardCharsets.UTF_8);
            byte[] payload = Arrays.copyOfRange(record, nl + 1, record.length);
            publisher.publish(topic, payload).whenComplete((ok, error) -> {
                if (error == null) {
                    published.incrementAndGet();
                    disk.execute(() -> {
                        try {
                            spool.acknowledge(e.sequence());
                        } catch (IOException io) {
                            LOG.error("HJ 212 gateway: the spool's acknowledged mark could not be written", io);
                        } finally {
                            inFlight.remove(e.sequence());
                        }
                        publishing.execute(this::pump);
                    });
                } else {
                    failed.incrementAndGet();
                    inFlight.remove(e.sequence());
                }
            });
        }
    }

    private static byte[] record(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[t.length + 1 + payload.length];
        System.arraycopy(t, 0, record, 0, t.length);
        record[t.length] = '\n';
        System.arraycopy(payload, 0, record, t.length + 1, payload.length);
        return record;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("a spooled message without its topic");
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Messages the broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Publishes that failed (broker down or refusing) and wait to be made again. */
    public long failed() {
        return failed.get();
    }

    /** Messages in the spool the broker does not have yet. */
    public int waiting() {
        return spool.waiting();
    }

    public long spoolBytes() {
        return spool.bytes();
    }

    @Override
    public void close() {
        closed = true;
        publishing.shutdownNow();
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the broker connection", e);
        }
        spool.close();
    }
}
