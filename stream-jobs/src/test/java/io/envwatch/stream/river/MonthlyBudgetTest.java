package io.envwatch.stream.river;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MonthlyBudgetTest {

    @Test
    void sixtySamplesAveraging0_20AgainstClassIvLeave0_35ForEachOfTheRemaining120() {
        assertThat(MonthlyBudget.remaining(0.3, 60 * 0.2, 60, 120)).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void aMonthAtExactlyTheLimitLeavesExactlyTheLimit() {
        assertThat(MonthlyBudget.remaining(0.3, 90 * 0.3, 90, 90)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void oneHundredFiftySamplesAveraging0_36LeaveNothingForTheLast30() {
        // 0.3 * 180 = 54 = 150 * 0.36: the rest would have to average zero.
        assertThat(MonthlyBudget.remaining(0.3, 150 * 0.36, 150, 30)).isCloseTo(0, within(1e-12));
    }

    @Test
    void lateInAGoodMonthTheBudgetIsLarge() {
        // 170 samples at 0.15, 10 left: (54 - 25.5) / 10 = 2.85
        assertThat(MonthlyBudget.remaining(0.3, 170 * 0.15, 170, 10)).isCloseTo(2.85, within(1e-12));
    }

    @Test
    void noSamplesLeftMeansNoBudget() {
        assertThat(MonthlyBudget.remaining(0.3, 54, 180, 0)).isNaN();
    }
}
