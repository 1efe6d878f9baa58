package io.envwatch.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RampSummaryTest {
    @Test
    void bothLimitsFoundIsTheRatioOfTheLimits() {
        assertThat(EndToEndBenchmark.rampSummary(150_000, 160_000, 210_000, 220_000))
                .contains("0.71 of the bare pipeline's rate")
                .contains("both limits found (the job fell behind at 160,000, the bare pipeline at 220,000)");
    }

    @Test
    void aJobThatNeverFellBehindGivesALowerBound() {
        // The job's limit is above 180,000 and the bare pipeline's below 230,000: more than 0.78.
        assertThat(EndToEndBenchmark.rampSummary(180_000, 0, 220_000, 230_000))
                .contains("0.82 of the bare pipeline's rate")
                .contains("its limit is higher: at least 0.78");
    }

    @Test
    void aBarePipelineThatNeverFellBehindGivesAnUpperBound() {
        assertThat(EndToEndBenchmark.rampSummary(140_000, 160_000, 200_000, 0)).contains("at most 0.80");
    }

    @Test
    void neitherFellBehindIsNoRatioOfLimits() {
        assertThat(EndToEndBenchmark.rampSummary(180_000, 0, 220_000, 0)).contains("not a ratio of their limits");
    }

    @Test
    void noRateKeptUp() {
        assertThat(EndToEndBenchmark.rampSummary(0, 40_000, 200_000, 0))
                .contains("the job at none of the ramp's rates, the bare pipeline up to 200,000");
    }
}
