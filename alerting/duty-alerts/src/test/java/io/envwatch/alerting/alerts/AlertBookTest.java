package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.envwatch.district.registry.LocalTimeRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The lifecycle rules alone: drafts are applied here as the ledger would after storing them. */
class AlertBookTest {
    private static final long T = 1_763_740_800_000L;
    private final AlertBook book = new AlertBook(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            new Voice(Language.EN, ZoneId.of("Asia/Shanghai")));
    private long clockNs = T * 1_000_000L;
    private static final Staff OFFICER = new Staff("officer", Role.DUTY_OFFICER, null, Set.of(), "x");

    private static IncidentSnapshot incident(String id, String site, boolean active, double peak) {
        return new IncidentSnapshot(
                id,
                "noise-laeq-1m",
                site,
                "fenggang",
                "team-fenggang",
                "noise",
                peak,
                peak,
                55,
                "night",
                "HIGH",
                List.of(),
                List.of(),
                T,
                active,
                null);
    }

    private List<AlertEvent> record(List<AlertEvent> drafts) {
        drafts.forEach(d -> book.apply(d.at(++clockNs)));
        return drafts;
    }

    @Test
    void anIncidentThatCameAndWentBetweenTwoLooksIsOpenedAndAutoResolved() {
        List<AlertEvent> events = record(book.onIncident(incident("i1", "FE-N01", false, 70), T));
        assertThat(events)
                .extracting(AlertEvent::action)
                .containsExactly(AlertAction.OPENED, AlertAction.AUTO_RESOLVED);
        assertThat(book.get("i1").orElseThrow().state()).isEqualTo(AlertState.AUTO_RESOLVED);
        assertThat(book.onIncident(incident("i1", "FE-N01", false, 70), T)).isEmpty();
    }

    @Test
    void aSecondIncidentOfASiteBeingWorkedJoinsItsAlert() {
        record(book.onIncident(incident("i1", "FE-N01", true, 70), T));
        record(List.of(book.onCommand("i1", new Command(AlertAction.ACKNOWLEDGED, null, null), OFFICER)));
        record(book.onIncident(incident("i1", "FE-N01", false, 70), T));
        assertThat(book.get("i1").orElseThrow().state())
                .as("cleared while worked: still theirs")
                .isEqualTo(AlertState.ACKNOWLEDGED);
        List<AlertEvent> joined = record(book.onIncident(incident("i2", "FE-N01", true, 72), T));
        assertThat(joined)
                .extracting(AlertEvent::alertId, AlertEvent::action)
                .containsExactly(Tuple.tuple("i1", AlertAction.UPDATED));
        assertThat(book.get("i1").orElseThrow().incidents()).containsExactly("i1", "i2");
        assertThat(book.get("i2")).isEmpty();
        assertThat(record(book.onIncident(incident("i3", "FE-N02", true, 60), T)))
                .extracting(AlertEvent::alertId)
                .as("another site: another alert")
                .containsExactly("i3");
    }

    @Test
    void deadlinesFollowTheStateAndEscalateOnce() {
        record(book.onIncident(incident("i1", "FE-N01", true, 70), T));
        long opened = book.get("i1").orElseThrow().openedAt();
        assertThat(book.dueEscalations(opened + 300_000)).isEmpty();
        List<AlertEvent> due = record(book.dueEscalations(opened + 300_001));
        assertThat(due)
                .extracting(AlertEvent::breach, AlertEvent::severity)
                .containsExactly(Tuple.tuple("acknowledge", "CRITICAL"));
        assertThat(book.dueEscalations(opened + 900_000)).isEmpty();
        record(List.of(book.onCommand("i1", new Command(AlertAction.RESOLVED, "duplicate", null), OFFICER)));
        assertThat(book.dueEscalations(opened + 86_400_000))
                .as("resolved alerts have no deadline")
                .isEmpty();
    }

    @Test
    void refusalsSayWhyInTheDomainsTerms() {
        record(book.onIncident(incident("i1", "FE-N01", true, 70), T));
        Staff tangxia = new Staff("tx", Role.TEAM_MEMBER, "team-tangxia", Set.of("tangxia"), "y");
        Staff monitor = new Staff("m", Role.MONITOR, null, Set.of(), "z");
        Command ack = new Command(AlertAction.ACKNOWLEDGED, null, null);
        assertThatThrownBy(() -> book.onCommand("nope", ack, OFFICER))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_FOUND);
        assertThatThrownBy(() -> book.onCommand("i1", ack, tangxia))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
        assertThatThrownBy(() -> book.onCommand("i1", ack, monitor))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
        assertThatThrownBy(() -> book.onCommand("i1", new Command(AlertAction.ON_SCENE, null, null), OFFICER))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_NOW);
    }

    @Test
    void thePageIsOfferedExactlyTheStepsTheRulesWouldTake() {
        record(book.onIncident(incident("i1", "FE-N01", true, 70), T));
        Staff tangxia = new Staff("tx", Role.TEAM_MEMBER, "team-tangxia", Set.of("tangxia"), "y");
        Staff monitor = new Staff("m", Role.MONITOR, null, Set.of(), "z");
        assertThat(book.allowedVerbs("i1", OFFICER)).containsExactly("ack", "resolve");
        assertThat(book.allowedVerbs("i1", tangxia)).as("another town's alert").isEmpty();
        assertThat(book.allowedVerbs("i1", monitor)).isEmpty();
        assertThat(book.allowedVerbs("nope", OFFICER)).isEmpty();
        record(List.of(book.onCommand("i1", new Command(AlertAction.ACKNOWLEDGED, null, null), OFFICER)));
        assertThat(book.allowedVerbs("i1", OFFICER)).containsExactly("dispatch", "on-scene", "resolve");
        record(List.of(book.onCommand("i1", new Command(AlertAction.RESOLVED, "duplicate", null), OFFICER)));
        assertThat(book.allowedVerbs("i1", OFFICER)).isEmpty();
    }

    @Test
    void aTownRoomTakesItsTownsAlertsFirstAndTheCityTakesOverAtItsDeadlineThenTheDutyLeader() {
        AlertBook twoLevels = new AlertBook(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                new Voice(Language.ZH_CN, ZoneId.of("Asia/Shanghai")),
                List.of(new TownRoom(
                        "fenggang-room", Set.of("fenggang"), Duration.ofMinutes(10), Duration.ofMinutes(30))));
        List<AlertEvent> stored = new java.util.ArrayList<>();
        java.util.function.Consumer<List<AlertEvent>> store = drafts -> drafts.forEach(d -> {
            AlertEvent e = d.at(Math.max(++clockNs, T * 1_000_000L));
            twoLevels.apply(e);
            stored.add(e);
        });
        store.accept(twoLevels.onIncident(incident("i1", "FE-N01", true, 70), T));
        Alert alert = twoLevels.get("i1").orElseThrow();
        long opened = alert.openedAt();
        assertThat(alert.room()).isEqualTo("fenggang-room");
        assertThat(twoLevels.deadlineOf(alert).orElseThrow().at()).isEqualTo(opened + 600_000);
        assertThat(twoLevels.dueEscalations(opened + 599_999))
                .as("the town room's ten minutes")
                .isEmpty();

        clockNs = (opened + 600_001) * 1_000_000L;
        List<AlertEvent> handOver = twoLevels.dueEscalations(opened + 600_001);
        assertThat(handOver)
                .extracting(AlertEvent::action, AlertEvent::breach, AlertEvent::severity, AlertEvent::room)
                .containsExactly(Tuple.tuple(AlertAction.HANDED_OVER, "acknowledge", "CRITICAL", null));
        assertThat(handOver.get(0).note())
                .as("the district's language and wall clock")
                .isEqualTo("未在 " + LocalTimeRules.wallClock(opened + 600_000, ZoneId.of("Asia/Shanghai"))
                        + " 前签收（fenggang-room）：由市局值班室接手");
        store.accept(handOver);
        assertThat(alert.room()).as("the city duty room answers now").isNull();
        assertThat(alert.history().get(alert.history().size() - 2).room()).isEqualTo("fenggang-room");
        long handedOver = stored.get(stored.size() - 1).timeMs();
        assertThat(twoLevels.deadlineOf(alert).orElseThrow().at())
                .as("the city's five minutes, from the hand-over")
                .isEqualTo(handedOver + 300_000);
        assertThat(twoLevels.dueEscalations(handedOver + 299_999)).isEmpty();
        List<AlertEvent> escalation = twoLevels.dueEscalations(handedOver + 300_001);
        assertThat(escalation).extracting(AlertEvent::action).containsExactly(AlertAction.ESCALATED);
        store.accept(escalation);
        assertThat(twoLevels.dueEscalations(handedOver + 3_600_000))
                .as("each deadline once")
                .isEmpty();

        // A restart folds the same events into the same alert: nothing is due again.
        AlertBook again = new AlertBook(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                new Voice(Language.EN, ZoneId.of("Asia/Shanghai")),
                List.of(new TownRoom(
                        "fenggang-room", Set.of("fenggang"), Duration.ofMinutes(10), Duration.ofMinutes(30))));
        stored.forEach(again::apply);
        assertThat(again.dueEscalations(handedOver + 3_600_000)).isEmpty();
        assertThat(again.get("i1").orElseThrow().breaches()).containsExactly("acknowledge", "acknowledge");

        // Another town without a room of its own goes to the city room at once.
        store.accept(twoLevels.onIncident(
                new IncidentSnapshot(
                        "i2",
                        "noise-laeq-1m",
                        "TX-N01",
                        "tangxia",
                        "team-tangxia",
                        "noise",
                        70,
                        70,
                        55,
                        "night",
                        "HIGH",
                        List.of(),
                        List.of(),
                        T,
                        true,
                        null),
                T));
        assertThat(twoLevels.get("i2").orElseThrow().room()).isNull();
    }

    @Test
    void aTownRoomsOfficerActsInItsTownsOnlyAndTheCitysEverywhere() {
        record(book.onIncident(incident("i1", "FE-N01", true, 70), T));
        Staff fenggangRoom = new Staff("fg-officer", Role.DUTY_OFFICER, "fenggang-room", Set.of("fenggang"), "r");
        Staff tangxiaRoom = new Staff("tx-officer", Role.DUTY_OFFICER, "tangxia-room", Set.of("tangxia"), "s");
        assertThat(book.allowedVerbs("i1", fenggangRoom)).containsExactly("ack", "resolve");
        assertThat(book.allowedVerbs("i1", tangxiaRoom)).isEmpty();
        assertThat(book.allowedVerbs("i1", OFFICER))
                .as("the city room's officer")
                .containsExactly("ack", "resolve");
    }

    @Test
    void aTownRoomsOwnOnSceneDeadlineHandsOverAndTheCitysRunsFromTheAcknowledgement() {
        AlertBook twoLevels = new AlertBook(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                new Voice(Language.EN, ZoneId.of("Asia/Shanghai")),
                List.of(new TownRoom(
                        "fenggang-room", Set.of("fenggang"), Duration.ofMinutes(10), Duration.ofMinutes(20))));
        java.util.function.Consumer<List<AlertEvent>> store =
                drafts -> drafts.forEach(d -> twoLevels.apply(d.at(clockNs = Math.max(clockNs + 1, T * 1_000_000L))));
        store.accept(twoLevels.onIncident(incident("i1", "FE-N01", true, 70), T));
        Staff fenggangRoom = new Staff("fg", Role.DUTY_OFFICER, "fenggang-room", Set.of("fenggang"), "r");
        store.accept(
                List.of(twoLevels.onCommand("i1", new Command(AlertAction.ACKNOWLEDGED, null, null), fenggangRoom)));
        Alert alert = twoLevels.get("i1").orElseThrow();
        long acked = alert.acknowledgedAt();
        assertThat(twoLevels.deadlineOf(alert).orElseThrow().at()).isEqualTo(acked + 1_200_000);
        clockNs = (acked + 1_200_001) * 1_000_000L;
        List<AlertEvent> handOver = twoLevels.dueEscalations(acked + 1_200_001);
        assertThat(handOver)
                .extracting(AlertEvent::action, AlertEvent::breach)
                .containsExactly(Tuple.tuple(AlertAction.HANDED_OVER, "on-scene"));
        store.accept(handOver);
        assertThat(twoLevels.deadlineOf(alert).orElseThrow().at())
                .as("the city's thirty minutes from the acknowledgement")
                .isEqualTo(acked + 1_800_000);
        assertThat(twoLevels.dueEscalations(acked + 1_799_000)).isEmpty();
        assertThat(twoLevels.dueEscalations(acked + 1_800_001))
                .extracting(AlertEvent::action)
                .containsExactly(AlertAction.ESCALATED);
    }
}
