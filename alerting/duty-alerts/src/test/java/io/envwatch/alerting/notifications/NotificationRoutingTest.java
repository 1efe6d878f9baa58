package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertAction;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEvent;
import io.envwatch.alerting.alerts.IncidentSnapshot;
import io.envwatch.alerting.alerts.TownRoom;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who hears of what, without a channel: the duty room always, the town's team, the duty leader on escalation. */
class NotificationRoutingTest {
    private static final long T = 1_763_740_800_000L;
    private final AlertBook book = new AlertBook(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            new Voice(Language.EN, ZoneId.of("Asia/Shanghai")));
    private final List<AlertEvent> history = new ArrayList<>();
    private long clockNs = T * 1_000_000L;

    private static IncidentSnapshot incident(String severity, double peak, boolean active) {
        return new IncidentSnapshot(
                "i1",
                "noise-laeq-1m",
                "FE-N01",
                "fenggang",
                "team-fenggang",
                "noise",
                peak,
                peak,
                55,
                "night",
                severity,
                List.of(),
                List.of(),
                T,
                active,
                null);
    }

    private void record(List<AlertEvent> drafts) {
        for (AlertEvent d : drafts) {
            AlertEvent e = d.at(++clockNs);
            book.apply(e);
            history.add(e);
        }
    }

    private Alert alert() {
        return book.get("i1").orElseThrow();
    }

    @Test
    void theDutyRoomAndTheTownsTeamHearOfAnOpeningAndTheDutyLeaderOfAnEscalation() {
        record(book.onIncident(incident("HIGH", 70, true), T));
        assertThat(Notifier.audiences(alert(), history.get(0)))
                .containsExactly(Audience.DUTY_ROOM, Audience.team("team-fenggang"));
        record(book.dueEscalations(T + Duration.ofMinutes(6).toMillis()));
        AlertEvent escalation = history.get(history.size() - 1);
        assertThat(escalation.action()).isEqualTo(AlertAction.ESCALATED);
        assertThat(Notifier.audiences(alert(), escalation))
                .containsExactly(Audience.DUTY_ROOM, Audience.team("team-fenggang"), Audience.DUTY_LEADER);
    }

    @Test
    void anUpdateIsWorthTellingOnlyWhenItsSeverityChanged() {
        record(book.onIncident(incident("HIGH", 70, true), T));
        record(book.onIncident(incident("HIGH", 72, true), T));
        record(book.onIncident(incident("CRITICAL", 80, true), T));
        assertThat(history)
                .extracting(AlertEvent::action)
                .containsExactly(AlertAction.OPENED, AlertAction.UPDATED, AlertAction.UPDATED);
        assertThat(Notifier.worthTelling(history, 0)).as("opened").isTrue();
        assertThat(Notifier.worthTelling(history, 1))
                .as("a higher peak, same severity")
                .isFalse();
        assertThat(Notifier.worthTelling(history, 2)).as("severity went up").isTrue();
    }

    @Test
    void aTownRoomHearsOfItsTownsAlertsTheCityRoomOfTheHandOverAndTheDutyLeaderOfTheEscalation() {
        AlertBook twoLevels = new AlertBook(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                new Voice(Language.EN, ZoneId.of("Asia/Shanghai")),
                List.of(new TownRoom(
                        "fenggang-room",
                        java.util.Set.of("fenggang"),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(30))));
        List<AlertEvent> events = new ArrayList<>();
        java.util.function.Consumer<List<AlertEvent>> store = drafts -> drafts.forEach(d -> {
            clockNs = Math.max(clockNs + 1, T * 1_000_000L);
            AlertEvent e = d.at(clockNs);
            twoLevels.apply(e);
            events.add(e);
        });
        store.accept(twoLevels.onIncident(incident("HIGH", 70, true), T));
        Alert alert = twoLevels.get("i1").orElseThrow();
        assertThat(Notifier.audiences(alert, events.get(0)))
                .containsExactly(Audience.room("fenggang-room"), Audience.team("team-fenggang"));
        clockNs = (alert.openedAt() + 600_001) * 1_000_000L;
        store.accept(twoLevels.dueEscalations(alert.openedAt() + 600_001));
        assertThat(events.get(1).action()).isEqualTo(AlertAction.HANDED_OVER);
        assertThat(Notifier.worthTelling(events, 1)).isTrue();
        assertThat(Notifier.audiences(alert, events.get(1)))
                .containsExactly(Audience.DUTY_ROOM, Audience.room("fenggang-room"), Audience.team("team-fenggang"));
        long at = events.get(1).timeMs() + 300_001;
        clockNs = at * 1_000_000L;
        store.accept(twoLevels.dueEscalations(at));
        assertThat(Notifier.audiences(alert, events.get(2)))
                .containsExactly(Audience.DUTY_ROOM, Audience.team("team-fenggang"), Audience.DUTY_LEADER);
    }
}
