package io.envwatch.benchmarks;

import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.NoiseLaeqPoint;
import io.envwatch.district.schema.ReadingPoint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One point as InfluxDB line protocol: a reading (written for every reading the job takes), an
 * LAeq interval (more fields) and a dead letter (text fields that need escaping).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineProtocolBenchmark {
    private final long now = 1_764_000_000_000L;
    private int i;

    @Benchmark
    public String reading() {
        i++;
        return new ReadingPoint("FE-N01", "noise", "noise", "fenggang", 40.5 + (i & 31), now + i).toLine();
    }

    @Benchmark
    public String laeqInterval() {
        i++;
        return new NoiseLaeqPoint(
                        "FE-N01",
                        "fenggang",
                        "5m",
                        55.25 + (i & 15),
                        71.5,
                        55,
                        0.25 + (i & 15),
                        300 + (i & 7),
                        "night",
                        now + i)
                .toLine();
    }

    @Benchmark
    public String deadLetter() {
        i++;
        return new DeadLetterPoint(
                        "OUT_OF_RANGE",
                        "gw-fenggang-01",
                        "noise 250.0 dB(A) is outside the possible range 0.0..200.0",
                        "envwatch/v1/readings/gw-fenggang-01",
                        "FE-N01",
                        i & 127,
                        "{\"sensor\":\"FE-N01\",\"ts\":1764000000000,\"quantity\":\"noise\",\"value\":250,\"unit\":\"dB(A)\"}",
                        now + i)
                .toLine();
    }
}
