package io.envwatch.stream;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Test harnesses for the job's own keyed operators, windowed ones included: the operator is taken
 * from the transformation the production wiring method builds, so the test runs exactly what the
 * job runs.
 */
public final class Harnesses {
    private Harnesses() {}

    @SuppressWarnings("unchecked")
    public static <OUT> KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> keyed(
            Function<DataStream<Reading>, SingleOutputStreamOperator<OUT>> wiring) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Reading> input = env.fromData(new Reading("placeholder", Quantity.NOISE, 0, 0, "gw"));
        OneInputTransformation<Reading, OUT> transformation =
                (OneInputTransformation<Reading, OUT>) wiring.apply(input).getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                transformation.getOperatorFactory(),
                (KeySelector<Reading, String>) transformation.getStateKeySelector(),
                (TypeInformation<String>) transformation.getStateKeyType());
        harness.open();
        return harness;
    }

    public static Reading reading(String site, Quantity quantity, double value, long timestamp) {
        return new Reading(site, quantity, value, timestamp, "gw");
    }
}
