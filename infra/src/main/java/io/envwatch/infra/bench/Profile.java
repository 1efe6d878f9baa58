package io.envwatch.infra.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the job's JVM spends its CPU during the measured window: a JDK Flight Recorder recording
 * (the JDK's "default" settings: execution samples every 20 ms, a few per cent of the job's CPU; the
 * "profile" settings cost the job more than a core here) taken in its process ({@link JobUnderTest}),
 * summarised by the method on top of each sampled stack (self time), by library, and by thread
 * (Flink task threads are named after their operator chains, the MQTT clients' after their sessions).
 */
final class Profile {
    private Profile() {}

    /** The top entries of each view of the recording, as shares of all samples. */
    static Map<String, Object> summarise(Path file, int top) throws IOException {
        List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .filter(e -> e.getStackTrace() != null
                        && !e.getStackTrace().getFrames().isEmpty())
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toAbsolutePath().toString());
        out.put("samples", samples.size());
        out.put(
                "topMethods",
                shares(samples, e -> method(e.getStackTrace().getFrames().get(0)), top));
        out.put("byLibrary", shares(samples, Profile::library, top));
        out.put(
                "byThread",
                shares(
                        samples,
                        e -> threadGroup(
                                e.getThread("sampledThread") == null
                                        ? "?"
                                        : e.getThread("sampledThread").getJavaName()),
                        top));
        return out;
    }

    private static Map<String, Double> shares(
            List<RecordedEvent> samples, Function<RecordedEvent, String> key, int top) {
        Map<String, Long> counts = samples.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> shares.put(e.getKey(), Math.round(e.getValue() * 1000.0 / samples.size()) / 10.0));
        return shares;
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /**
     * The first frame, from the top, that belongs to a library we can name: JDK frames under a
     * Jackson call count as Jackson, so "java.util.HashMap" does not swallow everything.
     */
    private static String library(RecordedEvent e) {
        RecordedStackTrace stack = e.getStackTrace();
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return libraryOf(type);
        }
        return "JDK only";
    }

    static String libraryOf(String type) {
        if (type.startsWith("io.envwatch.")) {
            return "EnvWatch " + type.substring("io.envwatch.".length()).split("\\.")[0];
        }
        if (type.startsWith("com.fasterxml.jackson")) {
            return "Jackson";
        }
        if (type.startsWith("org.apache.flink.shaded.netty") || type.startsWith("io.netty")) {
            return "Netty";
        }
        if (type.startsWith("org.apache.flink.runtime.state")
                || type.startsWith("org.apache.flink.runtime.checkpoint")) {
            return "Flink state and checkpoints";
        }
        if (type.startsWith("org.apache.flink.api.common.typeutils")
                || type.startsWith("org.apache.flink.api.java.typeutils")
                || type.startsWith("org.apache.flink.core.memory")) {
            return "Flink serialisation";
        }
        if (type.startsWith("org.apache.flink.runtime.io") || type.startsWith("org.apache.flink.runtime.io.network")) {
            return "Flink network stack";
        }
        if (type.startsWith("org.apache.flink")) {
            return "Flink other";
        }
        if (type.startsWith("com.influxdb")) {
            return "influxdb-client";
        }
        if (type.startsWith("org.eclipse.paho")) {
            return "Paho MQTT";
        }
        if (type.startsWith("com.hivemq")) {
            return "HiveMQ";
        }
        String[] parts = type.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
    }

    /** Flink task threads carry their subtask and attempt ("... (1/2)#0"): one entry per operator chain. */
    static String threadGroup(String name) {
        return name.replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "")
                .replaceAll("-\\d+$", "-N")
                .replaceAll("#\\d+$", "");
    }
}
