package io.envwatch.infra.bench;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Gateways publishing QoS 1 batches at a target rate, paced (a broker that falls behind would
 * otherwise disconnect the publisher) and windowed by the broker's Receive Maximum. Tells only
 * what the broker acknowledged. Every reading is stamped with its publish time, so a reading's
 * event time is also its publish time. Runs in a JVM of its own ({@link #main}, {@link GatewayFleet}).
 */
final class LoadGenerator implements AutoCloseable {
    /** Where the gateways tell what the broker acknowledged, and what it did not. */
    interface Tally {
        void acknowledged(long timestamp, int readings);

        void failed();
    }

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<ResendingPublisher> publishers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Tally tally;

    LoadGenerator(
            String brokerUrl, int sensors, int gateways, int readingsPerMessage, double readingsPerSecond, Tally tally)
            throws MqttException {
        this.tally = tally;
        double messagesPerSecondPerGateway = readingsPerSecond / readingsPerMessage / gateways;
        long intervalNanos = (long) (1e9 / messagesPerSecondPerGateway);
        for (int g = 0; g < gateways; g++) {
            MqttAsyncClient client =
                    new MqttAsyncClient(brokerUrl, "bench-" + SyntheticDistrict.gateway(g), new MemoryPersistence());
            // As the gateways' contract asks (docs/mqtt-readings.md): reconnect, and send again what the
            // broker acknowledged in the last minute.
            ResendingPublisher publisher = new ResendingPublisher(client, new ResendWindow());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            IMqttToken token = client.connect(options);
            token.waitForCompletion(10_000);
            Integer receiveMaximum = token.getResponseProperties() == null
                    ? null
                    : token.getResponseProperties().getReceiveMaximum();
            Semaphore window = new Semaphore(Math.min(1000, receiveMaximum == null ? 65535 : receiveMaximum));
            clients.add(client);
            publishers.add(publisher);
            int gateway = g;
            Thread t = new Thread(
                    () -> publishLoop(publisher, gateway, sensors, gateways, readingsPerMessage, intervalNanos, window),
                    "bench-gateway-" + g);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void publishLoop(
            ResendingPublisher client,
            int gateway,
            int sensors,
            int gateways,
            int perMessage,
            long intervalNanos,
            Semaphore window) {
        String gw = SyntheticDistrict.gateway(gateway);
        String topic = ReadingCodec.topicFor(gw);
        int ownSensors = (sensors - gateway + gateways - 1) / gateways;
        long cursor = 0;
        long next = System.nanoTime();
        long stamped = Long.MIN_VALUE;
        while (running.get()) {
            // A sensor's readings have distinct times, as a real sensor's do: the job takes a site,
            // quantity and timestamp once, and a second reading in the same millisecond is a copy.
            long now = Math.max(System.currentTimeMillis(), stamped + 1);
            List<Reading> batch = new ArrayList<>(perMessage);
            for (int i = 0; i < perMessage; i++) {
                int sensor = gateway + gateways * (int) (cursor++ % ownSensors);
                stamped = now + i / ownSensors;
                batch.add(
                        new Reading(SyntheticDistrict.sensor(sensor), Quantity.NOISE, 40 + (cursor % 20), stamped, gw));
            }
            byte[] payload = ReadingCodec.encode(gw, batch);
            try {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                    tally.failed();
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            client.publish(topic, payload).whenComplete((ok, error) -> {
                window.release();
                if (error == null) {
                    tally.acknowledged(now, perMessage);
                } else {
                    tally.failed();
                }
            });
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
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
        publishers.forEach(ResendingPublisher::close);
        for (MqttAsyncClient client : clients) {
            try {
                client.disconnect(5_000).waitForCompletion(6_000);
                client.close(true);
            } catch (MqttException e) {
                // shutting down
            }
        }
    }

    /**
     * The gateway fleet as a process: {@code broker sensors gateways readingsPerMessage readingsPerSecond}.
     * Prints {@code connected}, publishes from a {@code start} line on stdin to a {@code stop} line
     * (or the end of stdin), then prints {@code stopped}; meanwhile {@code a <timestamp> <readings>}
     * per acknowledged message and {@code f} per failed one.
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        Tally printing = new Tally() {
            @Override
            public void acknowledged(long timestamp, int readings) {
                synchronized (out) {
                    out.append("a ")
                            .append(Long.toString(timestamp))
                            .append(' ')
                            .append(Integer.toString(readings))
                            .append('\n');
                }
            }

            @Override
            public void failed() {
                synchronized (out) {
                    out.append("f\n");
                }
            }
        };
        Thread flusher = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        synchronized (out) {
                            out.flush();
                        }
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "flusher");
        flusher.setDaemon(true);
        flusher.start();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (LoadGenerator load = new LoadGenerator(
                args[0],
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                Double.parseDouble(args[4]),
                printing)) {
            say(out, "connected");
            for (String line; (line = commands.readLine()) != null && !line.equals("stop"); ) {
                if (line.equals("start")) {
                    load.start();
                }
            }
            load.stop();
        }
        say(out, "stopped");
        System.exit(0);
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
