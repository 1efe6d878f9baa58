package io.envwatch.benchmarks;

import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Parse and validate a gateway batch of 100 readings; reported per reading. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    static final int READINGS = 100;
    private ReadingCodec codec;
    private byte[] batch;
    private long now;

    @Setup
    public void setUp() {
        Registry registry = RegistryLoader.sample();
        codec = new ReadingCodec(registry);
        now = System.currentTimeMillis();
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            readings.add(new Reading(
                    i % 2 == 0 ? "FE-N01" : "FE-N90", Quantity.NOISE, 40 + i % 30, now - i, "gw-fenggang-01"));
        }
        batch = ReadingCodec.encode("gw-fenggang-01", readings);
    }

    @Benchmark
    @OperationsPerInvocation(READINGS)
    public Decoded decodeAndValidate() {
        return codec.decode(ReadingCodec.topicFor("gw-fenggang-01"), batch, now);
    }
}
