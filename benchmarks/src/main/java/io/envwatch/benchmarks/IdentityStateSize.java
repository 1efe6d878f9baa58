package io.envwatch.benchmarks;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.readings.IdentityHorizon;
import io.envwatch.stream.readings.ReadingIdentity;
import io.envwatch.stream.readings.SiteReadings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * What remembering readings' identities costs: noise sensors at 1 Hz, in time order, event time two
 * minutes behind, fed for an hour and two minutes, until just before the hour's LAeq interval
 * closes (where the state peaked while identities were kept for the longest interval; kept for the
 * shortest and the senders' resend window, the state is at its steady size long before). Prints,
 * per sensor count: the identities still held, heap held, checkpoint size and the time to write
 * it, entries, and the operator's time per reading next to a keyed operator that only passes
 * readings on (the receiving task without identities), on the heap backend in Flink's test
 * harness. Not a test; run it with a large heap:
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx16g -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) io.envwatch.benchmarks.IdentityStateSize 1000 10000 100000
 * </pre>
 */
public final class IdentityStateSize {
    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 10:00 in Dongguan: the hour interval runs to 10:59:59.999 local. */
    private static final long HOUR_START = Instant.parse("2026-11-21T02:00:00Z").toEpochMilli();

    private static final long BOUND = 120_000;
    private static final long SECONDS = 3_600 + 119;

    private IdentityStateSize() {}

    public static void main(String[] args) throws Exception {
        System.out.println(
                "| sensors | identities held | heap MiB | bytes/reading (heap) | checkpoint MiB | checkpoint ms | sites | ns/reading (identity) | ns/reading (pass-through) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String arg : args) {
            int sensors = Integer.parseInt(arg);
            String[] sites = new String[sensors];
            for (int i = 0; i < sensors; i++) {
                sites[i] = String.format(Locale.ROOT, "N-%06d", i);
            }
            Result passing = feed(new KeyedProcessOperator<>(new PassThrough()), sites, false);
            Result identity = feed(new ReadingIdentity.Operator(new ReadingIdentity(REGISTRY)), sites, true);
            long held = (long) sensors * secondsHeld();
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,d | %,.0f | %.1f | %,.1f | %,d | %,d | %.0f | %.0f |%n",
                    sensors,
                    held,
                    identity.heapBytes / 1048576.0,
                    (double) identity.heapBytes / held,
                    identity.checkpointBytes / 1048576.0,
                    identity.checkpointMillis,
                    identity.entries,
                    identity.nanosPerReading,
                    passing.nanosPerReading);
        }
    }

    /** The seconds whose identities are still held when the feed ends: their minute is not yet forgotten. */
    private static long secondsHeld() {
        IdentityHorizon horizon = new IdentityHorizon(REGISTRY);
        long watermark = HOUR_START + (SECONDS - 1) * 1_000 - BOUND;
        long held = 0;
        for (long s = 0; s < SECONDS; s++) {
            long t = HOUR_START + s * 1_000;
            long lastOfMinute = Math.floorDiv(t, 60_000) * 60_000 + 59_999;
            held += horizon.forgetAt(Quantity.NOISE, lastOfMinute) > watermark ? 1 : 0;
        }
        return held;
    }

    private record Result(
            long heapBytes, long checkpointBytes, long checkpointMillis, int entries, double nanosPerReading) {}

    private static Result feed(OneInputStreamOperator<Reading, Reading> operator, String[] sites, boolean measureState)
            throws Exception {
        long before = usedHeap();
        Path checkpoints = Files.createTempDirectory("identity-state");
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, SiteReadings.SITE, Types.STRING)) {
            // The JobManager's memory storage takes 5 MiB; a checkpoint of the peak is far more.
            harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
            harness.open();
            long start = System.nanoTime();
            long readings = 0;
            for (long s = 0; s < SECONDS; s++) {
                long t = HOUR_START + s * 1_000;
                for (String site : sites) {
                    harness.processElement(
                            new StreamRecord<>(new Reading(site, Quantity.NOISE, 40 + s % 30, t, "gw"), t));
                    readings++;
                }
                harness.processWatermark(new Watermark(t - BOUND));
                harness.getOutput().clear();
            }
            double nanos = (double) (System.nanoTime() - start) / readings;
            if (!measureState) {
                return new Result(0, 0, 0, 0, nanos);
            }
            long heap = usedHeap() - before;
            int entries = harness.numKeyedStateEntries();
            // The harness writes the checkpoint in the calling thread: its synchronous and asynchronous parts.
            long writing = System.nanoTime();
            OperatorSubtaskState snapshot = harness.snapshot(1, HOUR_START + SECONDS * 1_000);
            long millis = (System.nanoTime() - writing) / 1_000_000;
            return new Result(heap, snapshot.getStateSize(), millis, entries, nanos);
        } finally {
            try (var files = Files.walk(checkpoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** The receiving task without identities: a keyed operator that passes each reading on. */
    static final class PassThrough extends KeyedProcessFunction<String, Reading, Reading> {
        @Override
        public void processElement(Reading reading, Context ctx, Collector<Reading> out) {
            out.collect(reading);
        }
    }
}
