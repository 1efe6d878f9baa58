package io.envwatch.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine's CPU over a measured window, process by process: every process of the run (the job,
 * influxd, the broker, the gateways, the benchmark's own JVM with its probes) from
 * {@code /proc/<pid>/stat}, and the whole machine's busy time from {@code /proc/stat}, which also
 * holds what no process is charged for (the kernel's network work in softirq, other processes).
 * Each as cores (CPU seconds per second of wall time) and as microseconds per stored reading.
 */
final class CpuBudget {
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Double> start = new LinkedHashMap<>();
    private double machineStart;
    private long wallStart;

    /** @param name what the tables call it; a pid counted under two names is counted once, under the first */
    CpuBudget process(String name, long pid) {
        if (!pids.containsValue(pid)) {
            pids.put(name, pid);
        }
        return this;
    }

    void begin() throws IOException {
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            start.put(p.getKey(), JobUnderTest.cpuSecondsOf(p.getValue()));
        }
        machineStart = machineBusySeconds();
        wallStart = System.nanoTime();
    }

    /** The CPU seconds each process used in the window, their sum and the whole machine's, and the window's length. */
    record Spent(Map<String, Double> cpuSeconds, double wallSeconds) {
        /** {@code {name: {cores, microsPerReading}}} over what the window stored. */
        Map<String, Map<String, Double>> perReading(long storedReadings) {
            Map<String, Map<String, Double>> out = new LinkedHashMap<>();
            cpuSeconds.forEach((name, used) -> {
                Map<String, Double> f = new LinkedHashMap<>();
                f.put("cores", Math.round(used / wallSeconds * 100) / 100.0);
                f.put(
                        "microsPerReading",
                        storedReadings == 0 ? null : Math.round(used * 1e6 / storedReadings * 10) / 10.0);
                out.put(name, f);
            });
            return out;
        }
    }

    /** What each process used since {@link #begin}, then {@code processes} (their sum) and {@code machine} (everything). */
    Spent end() throws IOException {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        Map<String, Double> used = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            double u = JobUnderTest.cpuSecondsOf(p.getValue()) - start.get(p.getKey());
            sum += u;
            used.put(p.getKey(), u);
        }
        used.put("processes", sum);
        used.put("machine", machineBusySeconds() - machineStart);
        return new Spent(used, wall);
    }

    /** The machine's busy CPU seconds since boot: all but idle and I/O wait, over every core. */
    static double machineBusySeconds() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy / 100.0; // USER_HZ is 100 on Linux
            }
        }
        throw new IOException("/proc/stat has no cpu line");
    }
}
