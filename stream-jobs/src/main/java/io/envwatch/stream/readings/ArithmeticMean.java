package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import java.math.BigDecimal;
import org.apache.flink.api.common.functions.AggregateFunction;

/** The arithmetic mean (and maximum) of readings: how concentrations are averaged and assessed. */
public class ArithmeticMean implements AggregateFunction<Reading, ArithmeticMean.Sum, ArithmeticMean.Sum> {

    /**
     * The sum is exact (every double is a finite binary fraction, and BigDecimal adds them without
     * rounding), so the mean does not depend on the order the readings came in; a double sum
     * differs in its last bits from one order to another. A Flink POJO.
     */
    public static class Sum {
        public BigDecimal sum = BigDecimal.ZERO;
        public long count;
        public double max = Double.NEGATIVE_INFINITY;

        public Sum() {}

        public double mean() {
            return sum.doubleValue() / count;
        }
    }

    @Override
    public Sum createAccumulator() {
        return new Sum();
    }

    @Override
    public Sum add(Reading reading, Sum acc) {
        acc.sum = acc.sum.add(new BigDecimal(reading.value));
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
        a.sum = a.sum.add(b.sum);
        a.count += b.count;
        a.max = Math.max(a.max, b.max);
        return a;
    }
}
