package io.envwatch.alerting.patrols;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rounds on the district's clock (UTC+8), whatever the machine's: when a check-in counts, and for which round. */
class RoundTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
    private static final PatrolSettings.Grid GRID = new PatrolSettings.Grid(
            "G1",
            "Grid one",
            "fenggang",
            "FG-FENGDELING",
            "officer",
            Set.of(),
            List.of(LocalTime.of(8, 30), LocalTime.of(20, 30)),
            Duration.ofHours(2),
            List.of(
                    new PatrolSettings.Point("gate", "Gate", 22.7325, 114.1255, 150),
                    new PatrolSettings.Point("works", "Works", 22.732, 114.1246, 100)));

    private static long at(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, LocalTime.of(hour, minute))
                .atZone(ZONE)
                .toInstant()
                .toEpochMilli();
    }

    private static Round morning(List<Round.CheckIn> checkIns) {
        return Round.of(GRID, DAY, ZONE, checkIns).get(0);
    }

    @Test
    void aRoundStartsAndIsDueOnTheDistrictsClock() {
        Round r = morning(List.of());
        assertThat(r.startAt()).hasToString("2026-12-07T00:30:00Z");
        assertThat(r.dueAt()).hasToString("2026-12-07T02:30:00Z");
        assertThat(Round.of(GRID, DAY, ZONE, List.of()).get(1).nextStartAt())
                .as("the evening round runs until the next morning's")
                .hasToString("2026-12-08T00:30:00Z");
    }

    @Test
    void everyPointInTimeIsDoneOneLateIsLateNoneByTheDueTimeIsMissed() {
        List<Round.CheckIn> inTime = List.of(
                new Round.CheckIn("G1", "gate", at(DAY, 8, 40)), new Round.CheckIn("G1", "works", at(DAY, 9, 5)));
        assertThat(morning(inTime).status(at(DAY, 9, 6))).isEqualTo(Round.Status.DONE);

        List<Round.CheckIn> oneLate = List.of(
                new Round.CheckIn("G1", "gate", at(DAY, 8, 40)), new Round.CheckIn("G1", "works", at(DAY, 10, 31)));
        assertThat(morning(oneLate).status(at(DAY, 11, 0))).isEqualTo(Round.Status.LATE);
        assertThat(morning(oneLate).completedAt()).isEqualTo(at(DAY, 10, 31));

        List<Round.CheckIn> half = List.of(new Round.CheckIn("G1", "gate", at(DAY, 8, 40)));
        assertThat(morning(half).status(at(DAY, 8, 20))).isEqualTo(Round.Status.UPCOMING);
        assertThat(morning(half).status(at(DAY, 10, 29))).isEqualTo(Round.Status.UNDER_WAY);
        assertThat(morning(half).status(at(DAY, 10, 30))).isEqualTo(Round.Status.MISSED);
        assertThat(morning(half).unvisited()).containsExactly("works");
    }

    @Test
    void aCheckInCountsForTheRoundItFallsInOnlyAndTheFirstAtAPointIsKept() {
        List<Round.CheckIn> checkIns = List.of(
                new Round.CheckIn("G1", "gate", at(DAY, 8, 29)), // before the round: yesterday evening's
                new Round.CheckIn("G1", "gate", at(DAY, 20, 45)), // the evening's
                new Round.CheckIn("G2", "works", at(DAY, 8, 45)), // another grid's
                new Round.CheckIn("G1", "works", at(DAY, 9, 10)),
                new Round.CheckIn("G1", "works", at(DAY, 9, 0)));
        Round morning = morning(checkIns);
        assertThat(morning.visits()).containsOnlyKeys("works");
        assertThat(morning.visits().get("works")).isEqualTo(at(DAY, 9, 0));
        assertThat(Round.of(GRID, DAY.minusDays(1), ZONE, checkIns).get(1).visits())
                .as("08:29 belongs to last night's round, still open until 08:30")
                .containsOnlyKeys("gate");
    }

    @Test
    void roundsEndBeforeTheNextStartsAroundMidnightToo() {
        assertThat(PatrolSettings.shortestGap(List.of(LocalTime.of(7, 0), LocalTime.of(22, 0))))
                .isEqualTo(Duration.ofHours(9));
        assertThat(PatrolSettings.shortestGap(List.of(LocalTime.of(9, 0)))).isEqualTo(Duration.ofDays(1));
    }
}
