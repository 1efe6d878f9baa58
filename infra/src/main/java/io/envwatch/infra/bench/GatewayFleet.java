package io.envwatch.infra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's gateways in a JVM of their own ({@link LoadGenerator#main}), as a real fleet would
 * be: their JIT compiler, garbage collector and CPU are neither the job's nor the benchmark's
 * probes'. What the broker acknowledged comes back over the process's stdout.
 */
final class GatewayFleet implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Writer commands;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong failed = new AtomicLong();
    /** Per acknowledged message: its readings' timestamp and how many readings it carried. */
    private final ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();

    GatewayFleet(String broker, int sensors, int gateways, int perMessage, double rate, Path log)
            throws IOException, InterruptedException {
        this.log = log;
        Files.createDirectories(log.toAbsolutePath().getParent());
        process = new ProcessBuilder(List.of(
                        JobUnderTest.JAVA_BIN.resolve("java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadGenerator.class.getName(),
                        broker,
                        Integer.toString(sensors),
                        Integer.toString(gateways),
                        Integer.toString(perMessage),
                        Double.toString(rate)))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "gateway-fleet-acks");
        reader.setDaemon(true);
        reader.start();
        if (!connected.await(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the gateway fleet did not connect within 60 s: see " + log);
        }
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("a ")) {
                    int space = line.indexOf(' ', 2);
                    acknowledged.add(new long[] {
                        Long.parseLong(line.substring(2, space)), Long.parseLong(line.substring(space + 1))
                    });
                } else if (line.equals("f")) {
                    failed.incrementAndGet();
                } else if (line.equals("connected")) {
                    connected.countDown();
                } else if (line.equals("stopped")) {
                    stopped.countDown();
                }
            }
        } catch (IOException e) {
            // the fleet ended
        } finally {
            stopped.countDown();
        }
    }

    void start() throws IOException {
        commands.write("start\n");
        commands.flush();
    }

    /** Stops publishing; what the broker acknowledged by then has been told. */
    void stop() throws IOException, InterruptedException {
        commands.write("stop\n");
        commands.flush();
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway fleet did not stop within 30 s: see " + log);
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

    long failedMessages() {
        return failed.get();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
