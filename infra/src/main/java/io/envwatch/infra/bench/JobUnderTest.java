package io.envwatch.infra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The job in a JVM of its own, as it runs in production: its CPU, JIT and garbage collection are
 * not shared with the gateways that load it, so its CPU per reading is its own. Started from a
 * jar (this tree's, or an earlier commit's for a before/after comparison) with the job's own
 * settings from the environment; its CPU is read from {@code /proc}, its heap by {@code jstat}
 * (which reads the JVM's shared performance counters, costing the job nothing), and its profile
 * recorded by JFR through {@code jcmd}.
 */
final class JobUnderTest implements AutoCloseable {
    static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");
    /** What Flink's scripts open for its serializers on Java 17. */
    private static final List<String> OPENS = List.of(
            "java.base/java.lang",
            "java.base/java.util",
            "java.base/java.lang.reflect",
            "java.base/java.net",
            "java.base/java.io",
            "java.base/java.nio",
            "java.base/java.time",
            "java.base/java.text",
            "java.base/sun.nio.ch",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic");

    private final Process process;
    private final Path log;
    private final Process jstat;
    private final Thread heapReader;
    private volatile long peakHeapKiB;
    private volatile boolean measuringHeap;

    private JobUnderTest(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.jstat = new ProcessBuilder(
                        JAVA_BIN.resolve("jstat").toString(), "-gc", Long.toString(process.pid()), "500")
                .redirectErrorStream(true)
                .start();
        this.heapReader = new Thread(this::readHeap, "bench-jstat");
        heapReader.setDaemon(true);
        heapReader.start();
    }

    /** Starts {@code io.envwatch.stream.EnvWatchJobMain} from {@code classpath} with these settings. */
    static JobUnderTest start(String classpath, Map<String, String> env, String heap, List<String> jvmArgs, Path log)
            throws IOException {
        return start(classpath, env, heap, jvmArgs, log, "io.envwatch.stream.EnvWatchJobMain");
    }

    /** Starts {@code mainClass} (the job's, or its storage path alone) from {@code classpath} with these settings. */
    static JobUnderTest start(
            String classpath, Map<String, String> env, String heap, List<String> jvmArgs, Path log, String mainClass)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JAVA_BIN.resolve("java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        OPENS.forEach(p -> command.add("--add-opens=" + p + "=ALL-UNNAMED"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, mainClass));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        return new JobUnderTest(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** User plus system CPU seconds of a process so far, from {@code /proc}. */
    static double cpuSecondsOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
    }

    /**
     * CPU seconds so far per kind of thread, from {@code /proc/<pid>/task}: unlike JFR's samples,
     * this counts the garbage collector's and the JIT compiler's threads too. Thread names are the
     * kernel's (15 characters), with numbers folded ("GC Thread#N").
     */
    Map<String, Double> cpuByThread() throws IOException {
        Map<String, Double> byKind = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("\\d+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byKind.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return byKind;
    }

    /** From now, the highest heap in use is recorded. */
    void resetPeakHeap() {
        peakHeapKiB = 0;
        measuringHeap = true;
    }

    long peakHeapMiB() {
        return peakHeapKiB / 1024;
    }

    private void readHeap() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line; (line = in.readLine()) != null; ) {
                List<String> cols = Arrays.asList(line.trim().split("\\s+"));
                if (cols.contains("EU")) {
                    header = cols;
                } else if (header != null && cols.size() == header.size() && measuringHeap) {
                    double used = 0;
                    for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(cols.get(header.indexOf(c)));
                    }
                    peakHeapKiB = Math.max(peakHeapKiB, (long) used);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The job ended; the peak so far stands.
        }
    }

    /** Starts a JFR recording in the job's JVM (the JDK's "default" settings: the "profile" ones cost it more than a core). */
    void startProfile(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        jcmd("JFR.start", "name=bench", "settings=default", "filename=" + file.toAbsolutePath());
    }

    /** Stops the recording, which writes its file. */
    void stopProfile() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench");
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(JAVA_BIN.resolve("jcmd").toString(), Long.toString(process.pid())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        jstat.destroyForcibly();
    }
}
