package io.envwatch.infra.bench;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Gateways publishing QoS 1 batches at a target rate, paced (a broker that falls behind would
 * otherwise disconnect the publisher) and windowed by the broker's Receive Maximum. Counts only
 * what the broker acknowledged. Every reading is stamped with its publish time, so a reading's
 * event time is also its publish time.
 */
final class LoadGenerator implements AutoCloseable {
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong failedMessages = new AtomicLong();
    /** Per acknowledged message: its readings' timestamp and how many readings it carried. */
    private final ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();

    LoadGenerator(String brokerUrl, int sensors, int gateways, int readingsPerMessage, double readingsPerSecond)
            throws MqttException {
        double messagesPerSecondPerGateway = readingsPerSecond / readingsPerMessage / gateways;
        long intervalNanos = (long) (1e9 / messagesPerSecondPerGateway);
        for (int g = 0; g < gateways; g++) {
            MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "bench-" + SyntheticDistrict.gateway(g), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            IMqttToken token = client.connect(options);
            token.waitForCompletion(10_000);
            Integer receiveMaximum = token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
            Semaphore window = new Semaphore(Math.min(1000, receiveMaximum == null ? 65535 : receiveMaximum));
            clients.add(client);
            int gateway = g;
            Thread t = new Thread(() -> publishLoop(client, gateway, sensors, gateways, readingsPerMessage, intervalNanos, window),
                    "bench-gateway-" + g);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void publishLoop(MqttAsyncClient client, int gateway, int sensors, int gateways, int perMessage, long intervalNanos,
            Semaphore window) {
        String gw = SyntheticDistrict.gateway(gateway);
        String topic = ReadingCodec.topicFor(gw);
        int ownSensors = (sensors - gateway + gateways - 1) / gateways;
        long cursor = 0;
        long next = System.nanoTime();
        while (running.get()) {
            long now = System.currentTimeMillis();
            List<Reading> batch = new ArrayList<>(perMessage);
            for (int i = 0; i < perMessage; i++) {
                int sensor = gateway + gateways * (int) (cursor++ % ownSensors);
                batch.add(new Reading(SyntheticDistrict.sensor(sensor), Quantity.NOISE, 40 + (cursor % 20), now, gw));
            }
            MqttMessage message = new MqttMessage(ReadingCodec.encode(gw, batch));
            message.setQos(1);
            try {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                    failedMessages.incrementAndGet();
                    continue;
                }
                client.publish(topic, message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                        acknowledged.add(new long[] {now, perMessage});
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable error) {
                        window.release();
                        failedMessages.incrementAndGet();
                    }
                });
            } catch (MqttException e) {
                window.release();
                failedMessages.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Readings the broker acknowledged whose timestamps fall in [from, to). */
    long acknowledgedBetween(long from, long to) {
        long n = 0;
        for (long[] a : acknowledged) {
            if (a[0] >= from && a[0] < to) {
                n += a[1];
            }
        }
        return n;
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (MqttAsyncClient client : clients) {
            try {
                client.disconnect(5_000).waitForCompletion(6_000);
                client.close(true);
            } catch (MqttException e) {
                // shutting down
            }
        }
    }
}
