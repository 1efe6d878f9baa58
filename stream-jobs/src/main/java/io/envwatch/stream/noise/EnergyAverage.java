package io.envwatch.stream.noise;

import java.math.BigDecimal;

/**
 * LAeq as the standards define it: the energy average {@code 10·log10((1/n)·Σ 10^(Li/10))} of the
 * readings in an interval. An arithmetic mean of decibels would understate bursts: alternating 50
 * and 60 dB(A) is 57.4 dB(A), not 55.
 */
public final class EnergyAverage {
    private EnergyAverage() {}

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

        public void add(double level) {
            energy = energy.add(new BigDecimal(Math.pow(10, level / 10)));
            count++;
            max = Math.max(max, level);
        }

        /** This and the other's readings, as one interval's. */
        public Energy merge(Energy other) {
            energy = energy.add(other.energy);
            count += other.count;
            max = Math.max(max, other.max);
            return this;
        }

        public double laeq() {
            return 10 * Math.log10(energy.doubleValue() / count);
        }
    }

    public static double laeq(double... levels) {
        Energy e = new Energy();
        for (double level : levels) {
            e.add(level);
        }
        return e.laeq();
    }
}
