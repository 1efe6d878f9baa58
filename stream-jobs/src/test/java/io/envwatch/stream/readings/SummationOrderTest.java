package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.stream.noise.EnergyAverage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two readers deliver an interval's readings in a different order each run; the stored mean and
 * LAeq must not change in the last bit with it (floating-point addition is not associative).
 */
class SummationOrderTest {
    @Test
    void theMeanAndTheLaeqOfAnIntervalDoNotDependOnTheOrderOfItsReadings() {
        Random random = new Random(3);
        List<Reading> odour = new ArrayList<>();
        List<Reading> noise = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            odour.add(new Reading(
                    "FE-O01",
                    Quantity.H2S,
                    Math.round((0.02 + random.nextGaussian() * 0.004) * 1000) / 1000.0,
                    i,
                    "gw"));
            noise.add(new Reading(
                    "FE-N01", Quantity.NOISE, Math.round((58 + random.nextGaussian() * 3) * 10) / 10.0, i, "gw"));
        }
        Set<Double> means = new HashSet<>();
        Set<Double> laeqs = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            Collections.shuffle(odour, random);
            Collections.shuffle(noise, random);
            // and split in two partial sums merged, as a window merging two panes would
            ArithmeticMean mean = new ArithmeticMean();
            ArithmeticMean.Sum a = mean.createAccumulator();
            ArithmeticMean.Sum b = mean.createAccumulator();
            EnergyAverage.Energy c = new EnergyAverage.Energy();
            EnergyAverage.Energy d = new EnergyAverage.Energy();
            for (int i = 0; i < 10; i++) {
                mean.add(odour.get(i), i < round % 10 ? a : b);
                (i < round % 10 ? c : d).add(noise.get(i).value);
            }
            means.add(mean.merge(a, b).mean());
            laeqs.add(c.merge(d).laeq());
        }
        assertThat(means).hasSize(1);
        assertThat(laeqs).hasSize(1);
    }
}
