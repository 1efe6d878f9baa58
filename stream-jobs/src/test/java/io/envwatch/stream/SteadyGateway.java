package io.envwatch.stream;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.district.readings.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A gateway as the field runs one: signed in with its own credential, publishing QoS 1 batches of
 * uniquely stamped noise readings of one sensor on its own thread, reconnecting by itself when the
 * broker goes away, and sending again after each reconnect what the broker acknowledged in the
 * last minute ({@link ResendingPublisher}). It counts a reading as published only when the broker
 * acknowledged its message (PUBACK); a message whose publish failed is not counted and not resent.
 */
final class SteadyGateway implements AutoCloseable {
    final String gateway;
    final String sensor;
    private final MqttAsyncClient client;
    private final ResendingPublisher publisher;
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    /** The first reading's timestamp of each acknowledged message, and the wall-clock time of its PUBACK. */
    private final ConcurrentSkipListMap<Long, Long> ackedAt = new ConcurrentSkipListMap<>();

    private final AtomicInteger failedPublishes = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    SteadyGateway(
            String brokerUrl,
            String gateway,
            String password,
            String sensor,
            long base,
            int perMessage,
            long pauseMillis)
            throws MqttException {
        this.gateway = gateway;
        this.sensor = sensor;
        this.client = new MqttAsyncClient(brokerUrl, gateway, new MemoryPersistence());
        this.publisher = new ResendingPublisher(client, new ResendWindow());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        if (password != null) {
            options.setUserName(gateway);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(5_000);
        thread = new Thread(() -> run(base, perMessage, pauseMillis), "gateway-" + gateway);
        thread.start();
    }

    private void run(long base, int perMessage, long pauseMillis) {
        long next = base;
        while (running) {
            StringBuilder batch = new StringBuilder("{\"readings\":[");
            for (int i = 0; i < perMessage; i++) {
                batch.append(i == 0 ? "" : ",")
                        .append("{\"sensor\":\"")
                        .append(sensor)
                        .append("\",\"ts\":")
                        .append(next + i)
                        .append(",\"quantity\":\"noise\",\"value\":")
                        .append(40 + (next + i) % 30)
                        .append(",\"unit\":\"dB(A)\"}");
            }
            byte[] payload = batch.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            try {
                publisher.publish(ReadingCodec.topicFor(gateway), payload).get(5, TimeUnit.SECONDS);
                ackedAt.put(next, System.currentTimeMillis());
                for (int i = 0; i < perMessage; i++) {
                    acknowledged.add(next + i);
                }
            } catch (ExecutionException | TimeoutException e) {
                failedPublishes.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next += perMessage;
            sleep(pauseMillis);
        }
    }

    List<Long> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** When the broker acknowledged the message that carried the reading stamped {@code ts}. */
    Instant acknowledgedAt(long ts) {
        Map.Entry<Long, Long> entry = ackedAt.floorEntry(ts);
        return entry == null ? null : Instant.ofEpochMilli(entry.getValue());
    }

    /** Messages sent again after reconnects. */
    long resent() {
        return publisher.window().resent();
    }

    int failedPublishes() {
        return failedPublishes.get();
    }

    /** Stops publishing; what was acknowledged stays countable. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        publisher.close();
        try {
            client.disconnectForcibly(1_000);
            client.close();
        } catch (MqttException e) {
            // the broker may be gone: nothing left to release
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
