package io.envwatch.stream.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed-point energy sum is the exact sum: the same double, to the last bit, as BigDecimal's. */
class EnergyAverageTest {

    @Test
    void theSumIsTheExactSumRoundedOnceForEveryLevelValidationAdmits() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            EnergyAverage.Energy energy = new EnergyAverage.Energy();
            BigDecimal exact = BigDecimal.ZERO;
            int n = 1 + random.nextInt(round % 10 == 0 ? 5_000 : 50);
            for (int i = 0; i < n; i++) {
                // 0 to 194 dB(A), the noise range; some at the ends, some with many decimals
                double level = switch (random.nextInt(10)) {
                    case 0 -> 0;
                    case 1 -> 194;
                    case 2 -> random.nextDouble() * 194;
                    default -> Math.round((30 + random.nextGaussian() * 20) * 10) / 10.0;
                };
                level = Math.max(0, Math.min(194, level));
                energy.add(level);
                exact = exact.add(new BigDecimal(Math.pow(10, level / 10)));
            }
            assertThat(energy.sum()).as("round %d", round).isEqualTo(exact.doubleValue());
            assertThat(energy.count).isEqualTo(n);
        }
    }

    @Test
    void mergingPartsIsAddingTheirReadings() {
        EnergyAverage.Energy whole = new EnergyAverage.Energy();
        EnergyAverage.Energy a = new EnergyAverage.Energy();
        EnergyAverage.Energy b = new EnergyAverage.Energy();
        double[] levels = {194, 193.9, 0, 0.1, 55.5, 120, 194, 194};
        for (int i = 0; i < levels.length; i++) {
            whole.add(levels[i]);
            (i % 3 == 0 ? a : b).add(levels[i]);
        }
        EnergyAverage.Energy merged = a.merge(b);
        assertThat(merged.sum()).isEqualTo(whole.sum());
        assertThat(merged.count).isEqualTo(8);
        assertThat(merged.max).isEqualTo(194);
    }

    @Test
    void takingPartOutLeavesTheRestToTheLastBitWithBorrowsThroughEveryWord() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            EnergyAverage.Energy whole = new EnergyAverage.Energy();
            EnergyAverage.Energy part = new EnergyAverage.Energy();
            EnergyAverage.Energy rest = new EnergyAverage.Energy();
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                double level = random.nextInt(4) == 0 ? 194 : random.nextDouble() * 194;
                whole.add(level);
                (random.nextBoolean() ? part : rest).add(level);
            }
            EnergyAverage.Energy left = whole.subtract(part);
            assertThat(new long[] {left.low, left.middle, left.high, left.count})
                    .as("round %d", round)
                    .containsExactly(rest.low, rest.middle, rest.high, rest.count);
        }
        EnergyAverage.Energy borrowing = new EnergyAverage.Energy();
        borrowing.high = 1;
        EnergyAverage.Energy one = new EnergyAverage.Energy();
        one.low = 1;
        borrowing.subtract(one);
        assertThat(new long[] {borrowing.low, borrowing.middle, borrowing.high}).containsExactly(-1L, -1L, 0L);
    }

    @Test
    void carriesRunThroughEveryWord() {
        EnergyAverage.Energy energy = new EnergyAverage.Energy();
        energy.low = -1;
        energy.middle = -1;
        energy.count = 1;
        energy.add(0); // one unit of 2^52 onto a sum whose two lower words are all ones
        BigDecimal expected = new BigDecimal(java.math.BigInteger.ONE
                        .shiftLeft(128)
                        .subtract(java.math.BigInteger.ONE)
                        .add(java.math.BigInteger.ONE.shiftLeft(52)))
                .divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(52)));
        assertThat(energy.high).isEqualTo(1);
        assertThat(energy.sum()).isEqualTo(expected.doubleValue());
    }

    @Test
    void anEnergyThatCannotBeAReadingIsRefusedNotWrapped() {
        assertThatThrownBy(() -> new EnergyAverage.Energy().add(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnergyAverage.Energy().add(1_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
