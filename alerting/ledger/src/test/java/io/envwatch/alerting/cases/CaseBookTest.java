package io.envwatch.alerting.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.envwatch.district.schema.RepeatCasePoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseBookTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    private static final CaseSettings SETTINGS = new CaseSettings(
            Duration.ofDays(30),
            Duration.ofSeconds(30),
            CaseSettings.defaults().levels(),
            List.of(
                    new CaseSettings.Leader("city", "city-leader", Set.of(), null),
                    new CaseSettings.Leader("branch", "branch-chief", Set.of(), "city"),
                    new CaseSettings.Leader("section", "section-chief", Set.of("fenggang"), "branch")));
    private static final Staff SQUAD = new Staff("squad", Role.TEAM_MEMBER, "team-fenggang", Set.of("fenggang"), "a");
    private static final Staff OTHER_SQUAD = new Staff("tx", Role.TEAM_MEMBER, "team-tangxia", Set.of("tangxia"), "b");
    private static final Staff SECTION = new Staff("section", Role.LEADER, null, Set.of(), "c");
    private static final Staff BRANCH = new Staff("branch", Role.LEADER, null, Set.of(), "d");
    private static final Staff CITY = new Staff("city", Role.LEADER, null, Set.of(), "e");
    private static final Staff LEADER = new Staff("duty-leader", Role.DUTY_LEADER, null, Set.of(), "f");

    private final CaseBook book = new CaseBook(SETTINGS, new Voice(Language.EN, ZONE));
    private long clockNs = T0 * 1_000_000L;

    private CaseEvent store(CaseEvent draft, long at) {
        clockNs = Math.max(clockNs + 1, at * 1_000_000L);
        CaseEvent e = draft.at(clockNs);
        book.apply(e);
        return e;
    }

    private String openFactoryCase(long households) {
        return openFactoryCase("FE-N01", households);
    }

    private String openFactoryCase(String source, long households) {
        return store(
                        book.open(
                                new CaseBook.Opening(
                                        source,
                                        "fenggang",
                                        "night grinding next to Block 3",
                                        households,
                                        "Fenggang Metalworks",
                                        List.of("FG-B01"),
                                        null,
                                        People.NONE),
                                SQUAD,
                                T0),
                        T0)
                .caseId();
    }

    @Test
    void theCasesWeightPicksItsOwnersLevel() {
        assertThat(book.get(openFactoryCase("FE-N01", 20)).orElseThrow().owner())
                .isEqualTo("section");
        assertThat(book.get(openFactoryCase("FE-N02", 150)).orElseThrow().owner())
                .isEqualTo("branch");
        assertThat(book.get(openFactoryCase("FE-N03", 900)).orElseThrow().ownerLevel())
                .isEqualTo("city-leader");
        // No section chief covers tangxia: the nearest level above that has a leader owns it.
        CaseEvent tangxia = book.open(
                new CaseBook.Opening("TX-O01", "tangxia", "odour", 10, null, List.of(), null, People.NONE),
                OTHER_SQUAD,
                T0);
        assertThat(tangxia.owner()).isEqualTo("branch");
        assertThatThrownBy(() -> book.open(
                        new CaseBook.Opening("TX-O01", "tangxia", "odour", 10, null, List.of(), null, People.NONE),
                        SQUAD,
                        T0))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
    }

    @Test
    void closingOutNeedsVerificationTheOwnerAndTheQuietPeriod() {
        String id = openFactoryCase(20);
        store(book.plan(id, "enclose the grinder, no work 22:00-06:00", T0 + 20 * DAY, SQUAD, T0 + DAY), T0 + DAY);
        CaseBook.Evidence lastComplaintDay5 = new CaseBook.Evidence(T0 + 3 * DAY, T0 + 5 * DAY);
        assertThatThrownBy(() -> book.closeOut(id, SECTION, lastComplaintDay5, null, T0 + 40 * DAY))
                .hasMessageContaining("must be verifying");
        store(book.verify(id, SQUAD, "enclosure built"), T0 + 21 * DAY);
        assertThatThrownBy(() -> book.closeOut(id, SQUAD, lastComplaintDay5, null, T0 + 40 * DAY))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
        assertThatThrownBy(() -> book.closeOut(id, SECTION, lastComplaintDay5, null, T0 + 34 * DAY))
                .hasMessageContaining("quiet only since 2026-11-07 10:00:00")
                .hasMessageContaining("closed out from 2026-12-07 10:00:00");
        store(book.closeOut(id, SECTION, lastComplaintDay5, "quiet since the enclosure", T0 + 35 * DAY), T0 + 35 * DAY);
        assertThat(book.get(id).orElseThrow().state()).isEqualTo(CaseState.CLOSED_OUT);
        assertThat(book.get(id).orElseThrow().timeline())
                .extracting(e -> e.action().wireName())
                .containsExactly("opened", "rectifying", "verifying", "closed-out");

        // A corroborated complaint about the source after the close-out opens it again; one before does not.
        assertThat(book.reopenings("FE-N01", "C-old", T0 + 30 * DAY)).isEmpty();
        List<CaseEvent> reopened = book.reopenings("FE-N01", "C-new", T0 + 50 * DAY);
        assertThat(reopened)
                .singleElement()
                .satisfies(e -> assertThat(e.state().wireName()).isEqualTo("open"));
        store(reopened.get(0), T0 + 50 * DAY);
        assertThat(book.get(id).orElseThrow().state()).isEqualTo(CaseState.OPEN);
    }

    @Test
    void aPatrolFindingIsEvidenceLikeACorroboratedComplaintAndReopensACaseClosedOutBeforeIt() {
        CaseBook.PatrolFinding atTheGate =
                new CaseBook.PatrolFinding("F-1", "fenggang", "odour", "pungent at the back gate", T0 + 10 * DAY);
        String id = openFactoryCase(20);
        store(book.plan(id, "seal the back gate", T0 + 8 * DAY, SQUAD, T0 + DAY), T0 + DAY);
        store(book.verify(id, SQUAD, "sealed"), T0 + 9 * DAY);
        CaseEvent taken = store(book.takeFinding(id, atTheGate, SQUAD), T0 + 10 * DAY);
        assertThat(taken.action()).isEqualTo(CaseAction.LINKED);
        assertThat(taken.note()).contains("F-1").contains("pungent at the back gate");
        Case c = book.get(id).orElseThrow();
        assertThat(c.patrolFindings()).containsExactly("F-1");
        CaseBook.Evidence quiet = new CaseBook.Evidence(0, 0);
        assertThat(book.closableFrom(c, quiet))
                .as("the quiet period counts from the finding")
                .isEqualTo(T0 + 40 * DAY);
        assertThatThrownBy(() -> book.closeOut(id, SECTION, quiet, null, T0 + 39 * DAY))
                .hasMessageContaining("quiet only since 2026-11-12 10:00:00");
        assertThatThrownBy(() -> book.takeFinding(id, atTheGate, LEADER))
                .as("one finding, one case")
                .hasMessageContaining("finding F-1 is evidence in case " + id + " already");
        assertThatThrownBy(() -> book.takeFinding(
                        id, new CaseBook.PatrolFinding("F-2", "tangxia", "odour", "x", T0 + 11 * DAY), SQUAD))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
        assertThatThrownBy(() -> book.takeFinding(
                        id, new CaseBook.PatrolFinding("F-3", "fenggang", "odour", "x", T0 + 11 * DAY), OTHER_SQUAD))
                .as("another town's squad does not see the case")
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_FOUND);

        store(book.closeOut(id, SECTION, quiet, null, T0 + 40 * DAY), T0 + 40 * DAY);
        assertThatThrownBy(() -> book.takeFinding(
                        id, new CaseBook.PatrolFinding("F-4", "fenggang", "odour", "before", T0 + 39 * DAY), SQUAD))
                .hasMessageContaining("was filed before case " + id + " was closed out");
        CaseEvent reopened = store(
                book.takeFinding(
                        id, new CaseBook.PatrolFinding("F-5", "fenggang", "odour", "back at it", T0 + 45 * DAY), SQUAD),
                T0 + 45 * DAY);
        assertThat(reopened.action()).isEqualTo(CaseAction.REOPENED);
        assertThat(book.get(id).orElseThrow().state()).isEqualTo(CaseState.OPEN);
        assertThat(book.get(id).orElseThrow().patrolFindings()).containsExactly("F-1", "F-5");
    }

    @Test
    void aCaseOpensFromAFindingOrAnOpenCaseAboutTheSourceTakesItIn() {
        CaseBook.Opening opening = new CaseBook.Opening(
                "FE-N02", "fenggang", "plastics smell at night", 0, null, List.of(), null, People.NONE);
        CaseEvent opened = store(
                book.open(opening, SQUAD, T0, new CaseBook.PatrolFinding("F-9", "fenggang", "odour", "x", T0 - DAY)),
                T0);
        assertThat(opened.action()).isEqualTo(CaseAction.OPENED);
        assertThat(opened.patrolFinding()).isEqualTo("F-9");
        assertThat(book.get(opened.caseId()).orElseThrow().lastPatrolFinding()).isEqualTo(T0 - DAY);
        CaseEvent joined = store(
                book.open(opening, SQUAD, T0 + DAY, new CaseBook.PatrolFinding("F-10", "fenggang", "odour", "y", T0)),
                T0 + DAY);
        assertThat(joined.action()).isEqualTo(CaseAction.LINKED);
        assertThat(book.get(opened.caseId()).orElseThrow().patrolFindings()).containsExactly("F-10", "F-9");
    }

    @Test
    void aMissedDeadlineEscalatesToTheSuperiorOncePerDeadline() {
        String id = openFactoryCase(20);
        store(book.plan(id, "enclose the grinder", T0 + 10 * DAY, SQUAD, T0), T0);
        assertThat(book.dueEscalations(T0 + 9 * DAY)).isEmpty();
        List<CaseEvent> due = book.dueEscalations(T0 + 11 * DAY);
        assertThat(due)
                .singleElement()
                .satisfies(e -> assertThat(e.escalatedTo()).isEqualTo("branch"));
        store(due.get(0), T0 + 11 * DAY);
        assertThat(book.dueEscalations(T0 + 12 * DAY)).as("once").isEmpty();
        // A new plan with a new deadline may escalate again when that one is missed.
        store(book.plan(id, "enclose it, second notice", T0 + 20 * DAY, SQUAD, T0 + 12 * DAY), T0 + 12 * DAY);
        assertThat(book.dueEscalations(T0 + 21 * DAY)).hasSize(1);

        // Escalated, it is still overdue: the lists' one meaning, until the work is verified.
        assertThat(book.get(id).orElseThrow().overdue(T0 + 22 * DAY, ZONE)).isTrue();
        assertThat(book.get(id).orElseThrow().overdue(T0 + 13 * DAY, ZONE))
                .as("the new deadline not reached")
                .isFalse();
        store(book.verify(id, SQUAD, "enclosure built"), T0 + 22 * DAY);
        assertThat(book.get(id).orElseThrow().overdue(T0 + 23 * DAY, ZONE))
                .as("verifying: the work is done")
                .isFalse();

        // The city leader has no superior: the duty leader is named, not no one.
        String city = openFactoryCase("FE-N03", 900);
        store(book.plan(city, "relocate the press", T0 + 10 * DAY, LEADER, T0), T0);
        assertThat(book.dueEscalations(T0 + 11 * DAY))
                .filteredOn(e -> e.caseId().equals(city))
                .singleElement()
                .satisfies(e -> assertThat(e.escalatedTo()).isEqualTo("duty-leader"));
    }

    @Test
    void aQuarterEndingWithoutItsReviewShowsTheCaseOverdue() {
        String id = openFactoryCase(20); // 2 November: the first quarter it must be reviewed in is Jan-Mar 2027
        long midFebruary = Instant.parse("2027-02-15T02:00:00Z").toEpochMilli();
        long secondOfApril = Instant.parse("2027-04-02T02:00:00Z").toEpochMilli();
        long endOfMarchLocal = Instant.parse("2027-03-31T16:00:00Z").toEpochMilli(); // 1 April 00:00 in Dongguan
        assertThat(book.get(id).orElseThrow().reviewOverdue(endOfMarchLocal - 1, ZONE))
                .isFalse();
        assertThat(book.get(id).orElseThrow().reviewOverdue(endOfMarchLocal, ZONE))
                .isTrue();
        assertThatThrownBy(() -> book.review(id, SQUAD, "x", "y")).hasMessageContaining("does not review");
        store(book.review(id, BRANCH, "enclosure half built", "check again in March"), midFebruary);
        assertThat(book.get(id).orElseThrow().reviewOverdue(secondOfApril, ZONE))
                .isFalse();
        long secondOfJuly = Instant.parse("2027-07-02T02:00:00Z").toEpochMilli();
        assertThat(book.get(id).orElseThrow().reviewOverdue(secondOfJuly, ZONE))
                .as("April-June had none")
                .isTrue();

        // Made good late: a review in July counts for April-June, and July-September still needs its own.
        store(book.review(id, BRANCH, "enclosure finished", "noise check in August"), secondOfJuly);
        assertThat(book.get(id).orElseThrow().reviewOverdue(secondOfJuly + DAY, ZONE))
                .as("the late review")
                .isFalse();
        assertThat(book.get(id)
                        .orElseThrow()
                        .reviewOverdue(Instant.parse("2027-10-02T02:00:00Z").toEpochMilli(), ZONE))
                .as("July-September had none of its own")
                .isTrue();
    }

    @Test
    void aSecondReportAboutASourceWithAnOpenCaseJoinsThatCase() {
        String first = openFactoryCase("FE-N01", 20);
        CaseEvent again = book.open(
                new CaseBook.Opening(
                        "FE-N01", "fenggang", "grinding again at 2 am", 40, null, List.of(), null, People.NONE),
                LEADER,
                T0 + DAY);
        assertThat(again.action().wireName()).isEqualTo("linked");
        assertThat(again.caseId()).isEqualTo(first);
        assertThat(again.note()).contains("grinding again at 2 am");
        store(again, T0 + DAY);
        assertThat(book.find(c -> c.source().equals("FE-N01"))).hasSize(1);
    }

    @Test
    void aLeaderOpensCasesOnlyInTheTownsTheyCover() {
        CaseBook.Opening tangxia =
                new CaseBook.Opening("TX-O01", "tangxia", "odour", 10, null, List.of(), null, People.NONE);
        assertThatThrownBy(() -> book.open(tangxia, SECTION, T0))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_YOURS);
        assertThat(book.open(tangxia, CITY, T0).action().wireName())
                .as("a leader with no towns named covers them all")
                .isEqualTo("opened");
    }

    @Test
    void leadersSeeTheirCasesAndTheirSubordinatesTeamsTheirTowns() {
        String id = openFactoryCase(20);
        Case c = book.get(id).orElseThrow();
        assertThat(book.sees(SECTION, c)).isTrue();
        assertThat(book.sees(BRANCH, c)).isTrue();
        assertThat(book.sees(CITY, c)).isTrue();
        assertThat(book.sees(OTHER_SQUAD, c)).isFalse();
        assertThat(book.sees(new Staff("other", Role.LEADER, null, Set.of(), "g"), c))
                .isFalse();
        assertThat(book.sees(LEADER, c)).isTrue();
    }

    @Test
    void aRepeatCaseProposesACaseOnceAndJoinsAnOpenCaseAboutTheSameSource() {
        RepeatCasePoint rc = new RepeatCasePoint(
                "FG-B01",
                "noise",
                "fenggang",
                "FG-B01:noise:1",
                "open",
                3,
                2,
                T0,
                List.of("C-1", "C-2", "C-3"),
                List.of("FE-N01|noise-laeq-1m"),
                T0 - 5 * DAY);
        CaseEvent proposed = book.propose(rc, T0).orElseThrow();
        assertThat(proposed.action().wireName()).isEqualTo("opened");
        assertThat(proposed.source()).isEqualTo("FE-N01");
        assertThat(proposed.actor()).isEqualTo("envwatch");
        assertThat(proposed.owner()).isEqualTo("section");
        assertThat(proposed.cause()).startsWith("3 noise complaints about FG-B01 since ");
        CaseEvent named = new CaseBook(SETTINGS, new Voice(Language.ZH_CN, ZONE), place -> "凤岗佳园1栋")
                .propose(rc, T0)
                .orElseThrow();
        assertThat(named.cause())
                .as("in the district's language, the home by its registry name")
                .matches("自 \\d{4}-\\d{2}-\\d{2} 起针对 凤岗佳园1栋 的噪声投诉 3 宗");
        store(proposed, T0);
        assertThat(book.propose(rc, T0 + DAY)).as("already taken in").isEmpty();
        RepeatCasePoint again = new RepeatCasePoint(
                "FG-B02",
                "noise",
                "fenggang",
                "FG-B02:noise:9",
                "open",
                3,
                3,
                T0,
                List.of("C-7", "C-8", "C-9"),
                List.of("FE-N01|noise-laeq-1m"),
                T0);
        CaseEvent linked = book.propose(again, T0 + DAY).orElseThrow();
        assertThat(linked.action().wireName()).isEqualTo("linked");
        assertThat(linked.caseId()).isEqualTo(proposed.caseId());
    }

    @Test
    void thePageIsOfferedExactlyTheStepsTheRulesWouldTake() {
        String id = openFactoryCase(20);
        CaseBook.Evidence quiet = new CaseBook.Evidence(0, 0);
        assertThat(book.allowedSteps(id, SQUAD, quiet, T0)).containsExactly("plan", "people");
        assertThat(book.allowedSteps(id, OTHER_SQUAD, quiet, T0)).isEmpty();
        assertThat(book.allowedSteps(id, LEADER, quiet, T0)).containsExactly("plan", "review", "people");
        store(book.plan(id, "enclose the grinder", T0 + 10 * DAY, SQUAD, T0), T0);
        store(book.verify(id, SQUAD, "enclosed"), T0 + DAY);
        String owner = book.get(id).orElseThrow().owner();
        Staff ownerStaff = new Staff(owner, Role.LEADER, null, Set.of(), "o");
        assertThat(book.allowedSteps(id, ownerStaff, quiet, T0 + DAY))
                .as("not yet quiet for the evidence period")
                .doesNotContain("close-out");
        assertThat(book.allowedSteps(id, ownerStaff, quiet, T0 + 40 * DAY)).contains("close-out");
        assertThat(book.allowedSteps(id, SQUAD, quiet, T0 + 40 * DAY))
                .as("only the owner signs off")
                .doesNotContain("close-out");
    }

    @Test
    void whoACaseConcernsIsRegisteredAtTheOpeningAndAsItDevelopsUntilItIsClosedOut() {
        People first = People.of(40, List.of("KP-7F3A21"), "residents plan a joint petition if night work goes on");
        String id = store(
                        book.open(
                                new CaseBook.Opening(
                                        "FE-N01", "fenggang", "night grinding", 40, null, List.of(), null, first),
                                SQUAD,
                                T0),
                        T0)
                .caseId();
        assertThat(book.get(id).orElseThrow().people()).isEqualTo(first);
        People later = People.of(120, List.of("KP-7F3A21", "KP-0B99"), "a petition to the city is likely");
        CaseEvent update = store(book.people(id, SQUAD, later), T0 + DAY);
        assertThat(update.state()).as("the state stays").isEqualTo(CaseState.OPEN);
        assertThat(book.get(id).orElseThrow().people()).isEqualTo(later);
        assertThatThrownBy(() -> book.people(id, OTHER_SQUAD, later))
                .extracting(e -> ((Refused) e).reason())
                .isEqualTo(Refused.Reason.NOT_FOUND);
        // Stored and read back as the duty service does at a start.
        assertThat(CaseEventStore.event(CaseEventStore.point(update)).people()).isEqualTo(later);
        assertThat(CaseEventStore.point(update).toLine())
                .contains("key_persons=\"KP-7F3A21,KP-0B99\"")
                .contains("people=120i");

        store(book.plan(id, "enclose the grinder", T0 + 20 * DAY, SQUAD, T0 + DAY), T0 + DAY);
        store(book.verify(id, SQUAD, "enclosed"), T0 + 21 * DAY);
        String owner = book.get(id).orElseThrow().owner();
        Staff ownerStaff = new Staff(owner, Role.LEADER, null, Set.of(), "o");
        store(book.closeOut(id, ownerStaff, new CaseBook.Evidence(0, 0), null, T0 + 60 * DAY), T0 + 60 * DAY);
        assertThatThrownBy(() -> book.people(id, SQUAD, later)).hasMessageContaining("closed out");
    }

    @Test
    void aKeyPersonIsAPseudonymousReferenceNeverANameOrAContact() {
        for (String identity :
                List.of("张三", "Zhang San", "13800138000", "zhang@example.com", "KP-12", "kp-7f3a21", "KP-7F3A21 张三")) {
            assertThatThrownBy(() -> People.of(1, List.of(identity), null))
                    .as(identity)
                    .isInstanceOf(io.envwatch.district.InvalidField.class)
                    .hasMessageContaining("pseudonymous");
        }
        assertThatThrownBy(() -> People.of(1, List.of("KP-AAAA", "KP-AAAA"), null))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> People.of(-1, List.of(), null)).hasMessageContaining("peopleInvolved");
        assertThatThrownBy(() -> People.of(1, List.of(), "x".repeat(501))).hasMessageContaining("500");
        assertThat(People.of(3, List.of(), "  ").forecast()).isNull();
    }
}
