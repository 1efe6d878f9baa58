package io.envwatch.stream.noise;

import io.envwatch.district.readings.Reading;
import java.math.BigDecimal;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * LAeq as the standards define it: the energy average {@code 10·log10((1/n)·Σ 10^(Li/10))} of the
 * readings in an interval. An arithmetic mean of decibels would understate bursts: alternating 50
 * and 60 dB(A) is 57.4 dB(A), not 55.
 */
public class EnergyAverage implements AggregateFunction<Reading, EnergyAverage.Energy, EnergyAverage.Energy> {

    /**
     * Running sum of relative sound energy, count and the loudest single reading. The sum is exact
     * (as in {@link io.envwatch.stream.readings.ArithmeticMean}), so the LAeq does not depend on the
     * order the readings came in. A Flink POJO.
     */
    public static class Energy {
        public BigDecimal energy = BigDecimal.ZERO;
        public long count;
        public double max = Double.NEGATIVE_INFINITY;

        public Energy() {}

        public double laeq() {
            return 10 * Math.log10(energy.doubleValue() / count);
        }
    }

    public static double laeq(double... levels) {
        Energy e = new Energy();
        for (double level : levels) {
            e.energy = e.energy.add(new BigDecimal(Math.pow(10, level / 10)));
            e.count++;
        }
        return e.laeq();
    }

    @Override
    public Energy createAccumulator() {
        return new Energy();
    }

    @Override
    public Energy add(Reading reading, Energy acc) {
        acc.energy = acc.energy.add(new BigDecimal(Math.pow(10, reading.value / 10)));
        acc.count++;
        acc.max = Math.max(acc.max, reading.value);
        return acc;
    }

    @Override
    public Energy getResult(Energy acc) {
        return acc;
    }

    @Override
    public Energy merge(Energy a, Energy b) {
        a.energy = a.energy.add(b.energy);
        a.count += b.count;
        a.max = Math.max(a.max, b.max);
        return a;
    }
}
