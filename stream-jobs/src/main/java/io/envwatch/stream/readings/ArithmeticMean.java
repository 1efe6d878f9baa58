package io.envwatch.stream.readings;

import io.envwatch.ingest.readings.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** The arithmetic mean (and maximum) of readings: how concentrations are averaged and assessed. */
public class ArithmeticMean implements AggregateFunction<Reading, ArithmeticMean.Sum, ArithmeticMean.Sum> {

    /** A Flink POJO. */
    public static class Sum {
        public double sum;
        public long count;
        public double max = Double.NEGATIVE_INFINITY;

        public Sum() {}

        public double mean() {
            return sum / count;
        }
    }

    @Override
    public Sum createAccumulator() {
        return new Sum();
    }

    @Override
    public Sum add(Reading reading, Sum acc) {
        acc.sum += reading.value;
        acc.count++;
        acc.max = Math.max(acc.max, reading.value);
        return acc;
    }

    @Override
    public Sum getResult(Sum acc) {
        return acc;
    }

    @Override
    public Sum merge(Sum a, Sum b) {
        a.sum += b.sum;
        a.count += b.count;
        a.max = Math.max(a.max, b.max);
        return a;
    }
}
