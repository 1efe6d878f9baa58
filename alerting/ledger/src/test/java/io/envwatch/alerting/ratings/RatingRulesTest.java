package io.envwatch.alerting.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.schema.RatingPoint;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** An enterprise's monthly rating from its counts: deductions, classes, the repeat-case cap, and its reasons. */
class RatingRulesTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static RatingPoint rate(long incidents, long severe, long openCases, long repeat) {
        return Ratings.rate("Dye Works", NOVEMBER, incidents, severe, openCases, repeat, 0);
    }

    @Test
    void aQuietMonthIsGreenWithItsReasonSaid() {
        RatingPoint r = rate(0, 0, 0, 0);
        assertThat(r.score()).isEqualTo(100);
        assertThat(r.ratingClass()).isEqualTo("green");
        assertThat(r.reasons()).containsExactly("no incident, open case or repeat complaint in the month");
    }

    @Test
    void eachIncidentSevereIncidentAndOpenCaseCostsItsPointsDownToTheClassTheScoreReaches() {
        assertThat(rate(2, 0, 0, 0).score()).isEqualTo(90);
        assertThat(rate(2, 0, 0, 0).ratingClass()).as("90 is still green").isEqualTo("green");
        assertThat(rate(3, 0, 0, 0).ratingClass()).isEqualTo("blue");
        RatingPoint bad = rate(4, 2, 1, 0);
        assertThat(bad.score()).isEqualTo(100 - 4 * 5 - 2 * 10 - 15);
        assertThat(bad.ratingClass()).isEqualTo("red");
        assertThat(bad.reasons()).hasSize(3);
        assertThat(rate(10, 5, 2, 0).ratingClass()).isEqualTo("black");
        assertThat(rate(10, 5, 2, 0).score()).as("the score may go below zero").isNegative();
    }

    @Test
    void anOpenRepeatCaseKeepsAnEnterpriseOutOfGreenAndBlue() {
        RatingPoint r = rate(0, 0, 0, 1);
        assertThat(r.score()).isEqualTo(80);
        assertThat(r.ratingClass()).isEqualTo("yellow");
        assertThat(r.reasons()).anyMatch(reason -> reason.contains("keeps it out of green and blue"));
        assertThat(rate(0, 0, 1, 1).ratingClass()).as("65 is yellow anyway").isEqualTo("yellow");
    }
}
