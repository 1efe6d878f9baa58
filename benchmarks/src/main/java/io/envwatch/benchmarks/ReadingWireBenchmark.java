package io.envwatch.benchmarks;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.stream.readings.ReadingType;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A reading across the exchange to its site's task, written and read back: Flink's POJO serializer
 * ({@code pojo}) against the job's own ({@code reading}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadingWireBenchmark {
    @Param({"pojo", "reading"})
    public String serializer;

    private TypeSerializer<Reading> wire;
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final Reading reading = new Reading("N-000417", Quantity.NOISE, 63.2, 1_763_740_800_000L, "GW-004");

    @Setup
    public void setUp() {
        TypeInformation<Reading> type =
                serializer.equals("pojo") ? TypeInformation.of(Reading.class) : ReadingType.INFO;
        wire = type.createSerializer(new SerializerConfigImpl());
    }

    @Benchmark
    public Reading writeAndRead() throws IOException {
        out.clear();
        wire.serialize(reading, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return wire.deserialize(in);
    }
}
