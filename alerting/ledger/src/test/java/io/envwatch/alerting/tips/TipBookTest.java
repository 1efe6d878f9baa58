package io.envwatch.alerting.tips;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tips' rules without a server: who reads, who decides money, and in which order. */
class TipBookTest {
    private static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    private static final TipSettings SETTINGS = new TipSettings(
            List.of(new TipSettings.TipClass("hidden-discharge-pipe", "Hidden discharge pipe", 2000)),
            key(),
            IntakeLimits.defaults());
    private static final Staff SQUAD = new Staff("squad", Role.TEAM_MEMBER, "team-fenggang", Set.of("fenggang"), "a");
    private static final Staff OTHER_SQUAD = new Staff("tx", Role.TEAM_MEMBER, "team-tangxia", Set.of("tangxia"), "b");
    private static final Staff MONITOR = new Staff("monitor", Role.MONITOR, null, Set.of(), "c");
    private static final Staff OFFICER = new Staff("officer", Role.DUTY_OFFICER, null, Set.of(), "d");
    private static final Staff LEADER = new Staff("duty-leader", Role.DUTY_LEADER, null, Set.of(), "e");

    private final TipBook book = new TipBook(SETTINGS);
    private long clockNs = T0 * 1_000_000L;

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }

    private TipEvent store(TipEvent draft) {
        clockNs += 1_000_000_000L;
        TipEvent e = draft.at(clockNs);
        book.apply(e);
        return e;
    }

    private String receive() {
        TipBook.Received received =
                book.receive("hidden-discharge-pipe", "fenggang", "a pipe behind the dye works", T0);
        store(received.event());
        return received.claimCode();
    }

    private static Refused.Reason refusal(Runnable step) {
        try {
            step.run();
        } catch (Refused r) {
            return r.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theClaimCodeOpensItsTipAndNoOtherCodeDoes() {
        String code = receive();
        Tip tip = book.byCode(code).orElseThrow();
        assertThat(book.text(tip)).isEqualTo("a pipe behind the dye works");
        assertThat(tip.textSealed()).doesNotContain("pipe");
        String wrong = code.substring(0, code.length() - 1) + (code.endsWith("A") ? "B" : "A");
        assertThat(book.byCode(wrong)).isEmpty();
        assertThat(book.byCode("nonsense")).isEmpty();
        assertThat(book.byCode(null)).isEmpty();
    }

    @Test
    void theTownsSquadAndTheDutyRoomReadAMonitorIsToldNoAndAnotherTownLearnsNothing() {
        receive();
        String id = book.find(t -> true).get(0).id();
        assertThat(store(book.read(id, SQUAD)).action()).isEqualTo(TipAction.READ);
        assertThat(store(book.read(id, OFFICER)).actor()).isEqualTo("officer");
        assertThat(book.get(id).orElseThrow().reads()).extracting(Tip.Read::by).containsExactly("squad", "officer");
        assertThat(refusal(() -> book.read(id, MONITOR))).isEqualTo(Refused.Reason.NOT_YOURS);
        assertThat(refusal(() -> book.read(id, OTHER_SQUAD)))
                .as("as for a tip that does not exist")
                .isEqualTo(Refused.Reason.NOT_FOUND);
        assertThat(refusal(() -> book.read("TIP-NOPE", SQUAD))).isEqualTo(Refused.Reason.NOT_FOUND);
        assertThat(book.mayList(MONITOR)).isTrue();
        assertThat(book.mayList(SQUAD)).isFalse();
    }

    @Test
    void aRewardIsTheDutyLeadersOnlyAfterSubstantiationTimesTheCampaignsMultiplierAndPaidOnlyAfterTheClaim() {
        String code = receive();
        String id = book.find(t -> true).get(0).id();
        assertThat(refusal(() -> book.decideReward(id, LEADER)))
                .as("not verified yet")
                .isEqualTo(Refused.Reason.NOT_NOW);
        store(book.investigate(id, SQUAD));
        assertThat(refusal(() -> book.investigate(id, SQUAD))).isEqualTo(Refused.Reason.NOT_NOW);
        TipEvent verified = store(book.verify(id, SQUAD, true, "pipe found, sampled"));
        assertThat(verified.action()).isEqualTo(TipAction.SUBSTANTIATED);
        assertThat(verified.findingsSealed()).doesNotContain("pipe");
        assertThat(book.findings(book.get(id).orElseThrow())).isEqualTo("pipe found, sampled");

        assertThat(refusal(() -> book.decideReward(id, SQUAD))).isEqualTo(Refused.Reason.NOT_YOURS);
        assertThat(refusal(() -> book.pay(id, LEADER))).as("nothing decided").isEqualTo(Refused.Reason.NOT_NOW);
        book.rewardMultiplier((town, receivedAt) -> town.equals("fenggang") ? 1.5 : 1.0);
        assertThat(store(book.decideReward(id, LEADER)).reward()).isEqualTo(3000.0);
        assertThat(refusal(() -> book.pay(id, LEADER)))
                .as("the tipster claims first, with the code")
                .isEqualTo(Refused.Reason.NOT_NOW);
        store(book.claim(book.byCode(code).orElseThrow()));
        TipEvent paid = store(book.pay(id, LEADER));
        Tip tip = book.get(id).orElseThrow();
        assertThat(tip.state()).isEqualTo(TipState.PAID);
        assertThat(tip.reward()).isEqualTo(3000.0);
        assertThat(tip.paidAt()).isEqualTo(paid.timeMillis());
        assertThat(refusal(() -> book.claim(tip))).as("claimed once").isEqualTo(Refused.Reason.NOT_NOW);
    }

    @Test
    void aTipNotSubstantiatedIsClosedWithoutAReward() {
        receive();
        String id = book.find(t -> true).get(0).id();
        store(book.verify(id, OFFICER, false, "nothing found"));
        Tip tip = book.get(id).orElseThrow();
        assertThat(tip.state()).isEqualTo(TipState.NOT_SUBSTANTIATED);
        assertThat(tip.state().closed()).isTrue();
        assertThat(tip.closedAt()).isPositive();
        assertThat(refusal(() -> book.decideReward(id, LEADER))).isEqualTo(Refused.Reason.NOT_NOW);
        assertThat(tip.daysToPayout()).isEqualTo(-1);
    }

    @Test
    void aTipIsKeptAsReceivedInItsHourOnly() {
        TipBook.Received received = book.receive("hidden-discharge-pipe", "fenggang", "smell at night", T0);
        long inTheHour = (T0 / 3_600_000L * 3_600_000L + 1_234_567L) * 1_000_000L + 42;
        book.apply(received.event().at(inTheHour));
        assertThat(book.find(t -> true).get(0).receivedAt()).isEqualTo(T0 / 3_600_000L * 3_600_000L);
    }

    @Test
    void thePageIsOfferedExactlyTheStepsTheRulesWouldTake() {
        String code = receive();
        String id = book.find(t -> true).get(0).id();
        assertThat(book.allowedSteps(id, SQUAD)).containsExactly("investigate", "verify");
        assertThat(book.allowedSteps(id, MONITOR)).isEmpty();
        assertThat(book.allowedSteps(id, OTHER_SQUAD)).isEmpty();
        store(book.verify(id, SQUAD, true, "found"));
        assertThat(book.allowedSteps(id, SQUAD))
                .as("money is the duty leader's")
                .isEmpty();
        assertThat(book.allowedSteps(id, LEADER)).containsExactly("reward");
        store(book.decideReward(id, LEADER));
        assertThat(book.allowedSteps(id, LEADER)).as("the tipster claims first").isEmpty();
        store(book.claim(book.byCode(code).orElseThrow()));
        assertThat(book.allowedSteps(id, LEADER)).containsExactly("pay");
    }
}
