package io.envwatch.stream;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Test harnesses for the job's own keyed operators, windowed ones included: the operator is taken
 * from the transformation the production wiring method builds, so the test runs exactly what the
 * job runs.
 */
public final class Harnesses {
    private Harnesses() {}

    public static <OUT> KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> keyed(
            Function<DataStream<Reading>, SingleOutputStreamOperator<OUT>> wiring) throws Exception {
        return keyed(wiring, null);
    }

    /** The operator restored from a snapshot of an earlier harness of it (as after a crash), or new if null. */
    @SuppressWarnings("unchecked")
    public static <OUT> KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> keyed(
            Function<DataStream<Reading>, SingleOutputStreamOperator<OUT>> wiring, OperatorSubtaskState restored)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Reading> input = env.fromData(new Reading("placeholder", Quantity.NOISE, 0, 0, "gw"));
        OneInputTransformation<Reading, OUT> transformation =
                (OneInputTransformation<Reading, OUT>) wiring.apply(input).getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        transformation.getOperatorFactory(),
                        (KeySelector<Reading, String>) transformation.getStateKeySelector(),
                        (TypeInformation<String>) transformation.getStateKeyType());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /**
     * Feeds the readings in the order given, with event time where the job's watermark would be:
     * {@code boundMillis} behind the newest reading so far; then event time to the newest. The outputs.
     */
    public static <OUT> List<OUT> feedAsTheJobWould(
            KeyedOneInputStreamOperatorTestHarness<String, Reading, OUT> harness,
            List<Reading> readings,
            long boundMillis)
            throws Exception {
        EventTime time = new EventTime(boundMillis);
        time.feed(harness, readings);
        time.toNewest(harness);
        return harness.extractOutputValues();
    }

    /** The job's event time over readings fed in parts, possibly to more than one harness (one restored from another). */
    public static final class EventTime {
        private final long boundMillis;
        private long watermark = Long.MIN_VALUE;
        private long newest = Long.MIN_VALUE;

        public EventTime(long boundMillis) {
            this.boundMillis = boundMillis;
        }

        public void feed(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> harness, List<Reading> readings)
                throws Exception {
            for (Reading r : readings) {
                harness.processElement(r, r.timestamp);
                newest = Math.max(newest, r.timestamp);
                if (newest - boundMillis > watermark) {
                    watermark = newest - boundMillis;
                    harness.processWatermark(new Watermark(watermark));
                }
            }
        }

        /** The last watermark again, as the sources send it again after a restore. */
        public void resume(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> harness) throws Exception {
            harness.processWatermark(new Watermark(watermark));
        }

        public void toNewest(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> harness) throws Exception {
            harness.processWatermark(new Watermark(newest));
        }

        public long newest() {
            return newest;
        }
    }

    /** The items out of time order by up to {@code withinMillis}, as two readers of a bursty broker deliver them. */
    public static <T> List<T> shuffledWithin(List<T> items, ToLongFunction<T> time, long withinMillis, Random random) {
        Map<T, Long> jittered = new IdentityHashMap<>();
        items.forEach(item -> jittered.put(item, time.applyAsLong(item) + (long) (random.nextDouble() * withinMillis)));
        List<T> shuffled = new ArrayList<>(items);
        shuffled.sort(Comparator.comparingLong(jittered::get));
        return shuffled;
    }

    public static Reading reading(String site, Quantity quantity, double value, long timestamp) {
        return new Reading(site, quantity, value, timestamp, "gw");
    }
}
