package io.envwatch.alerting.tips;

import io.envwatch.alerting.claims.ClaimCodes;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.schema.TipEventPoint;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The tips, folded from their events, and what may happen to them. Nothing here knows who tipped:
 * the intake keeps no address, contact or account, and the claim code is the tipster's only handle.
 */
public final class TipBook {
    static final String TIPSTER = "tipster";

    private final TipSettings settings;
    private final Sealer sealer;
    private final Map<String, Tip> tips = new LinkedHashMap<>();
    private RewardMultiplier multiplier = (town, receivedAt) -> 1.0;

    /** How much a tip's reward is multiplied by (a campaign in whose scope it came in). */
    @FunctionalInterface
    public interface RewardMultiplier {
        double of(String town, long receivedAt);
    }

    public synchronized void rewardMultiplier(RewardMultiplier multiplier) {
        this.multiplier = multiplier;
    }

    public TipBook(TipSettings settings) {
        this.settings = settings;
        this.sealer = new Sealer(settings.key());
    }

    /** Why a command was refused, in the tips' own terms. */
    public static final class Refused extends RuntimeException {
        public enum Reason { NO_SUCH_TIP, NOT_YOURS, NOT_NOW }

        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** A new tip's event and the claim code to show the tipster, once. */
    public record Received(TipEventPoint event, String claimCode) {}

    public synchronized void apply(TipEventPoint e) {
        tips.computeIfAbsent(e.tip(), Tip::new).apply(e);
    }

    public synchronized Optional<Tip> get(String id) {
        return Optional.ofNullable(tips.get(id));
    }

    public synchronized List<Tip> find(Predicate<Tip> filter) {
        return tips.values().stream().filter(filter).sorted(Comparator.comparingLong(Tip::receivedAt).reversed()).toList();
    }

    public TipSettings settings() {
        return settings;
    }

    /** Slow (the claim code's hash): on the tip ledger's thread. */
    public synchronized Received receive(String tipClass, String town, String text, long now) {
        String id = ClaimCodes.newId("TIP-");
        while (tips.containsKey(id)) {
            id = ClaimCodes.newId("TIP-");
        }
        ClaimCodes.Issued code = ClaimCodes.issue(id);
        return new Received(new TipEventPoint(town, tipClass, "received", id, TipState.RECEIVED.wireName(), TIPSTER,
                code.storedHash(), sealer.seal(text), null, 0, 0), code.code());
    }

    /** The tip a claim code opens, or empty for a wrong code. Slow (the hash). */
    public Optional<Tip> byCode(String code) {
        ClaimCodes.Parts parts = ClaimCodes.parse(code);
        if (parts == null) {
            return Optional.empty();
        }
        Tip tip = get(parts.id()).orElse(null);
        return ClaimCodes.matches(parts.secret(), tip == null ? null : tip.claimHash()) ? Optional.of(tip) : Optional.empty();
    }

    /**
     * Who sees every tip in the list (states and counts, no text): monitors and leaders, who answer
     * for the figures. Others list only the tips they may read.
     */
    public boolean mayList(Staff staff) {
        return staff.role() == Role.MONITOR || staff.role() == Role.LEADER;
    }

    /** Who may read a tip's text and findings: the duty room and the squad of the tip's town. */
    public boolean mayRead(Staff staff, Tip tip) {
        return switch (staff.role()) {
            case DUTY_OFFICER, DUTY_LEADER -> true;
            case TEAM_MEMBER -> staff.towns().contains(tip.town());
            case LEADER, MONITOR, HOTLINE -> false;
        };
    }

    /** The text for a person allowed to read it, with the audit event their read leaves. */
    public synchronized TipEventPoint read(String id, Staff by) {
        Tip tip = readable(id, by);
        return event(tip, "read", tip.state(), by.name()).build();
    }

    public String text(Tip tip) {
        return sealer.open(tip.textSealed());
    }

    public String findings(Tip tip) {
        return tip.findingsSealed() == null ? null : sealer.open(tip.findingsSealed());
    }

    public synchronized TipEventPoint investigate(String id, Staff by) {
        Tip tip = readable(id, by);
        require(tip, TipState.RECEIVED, "put under investigation");
        return event(tip, "investigating", TipState.INVESTIGATING, by.name()).build();
    }

    public synchronized TipEventPoint verify(String id, Staff by, boolean substantiated, String findings) {
        Tip tip = readable(id, by);
        if (tip.state() != TipState.RECEIVED && tip.state() != TipState.INVESTIGATING) {
            throw notNow(tip, "verified");
        }
        TipState to = substantiated ? TipState.SUBSTANTIATED : TipState.NOT_SUBSTANTIATED;
        return event(tip, to.wireName(), to, by.name()).findings(sealer.seal(findings)).build();
    }

    /** The reward the class carries; money is the duty leader's decision. */
    public synchronized TipEventPoint decideReward(String id, Staff by) {
        Tip tip = moneyOf(id, by);
        require(tip, TipState.SUBSTANTIATED, "given a reward");
        double reward = settings.tipClass(tip.tipClass()).map(TipSettings.TipClass::reward).orElse(0.0)
                * multiplier.of(tip.town(), tip.receivedAt());
        return event(tip, "reward-decided", TipState.REWARD_DECIDED, by.name()).reward(reward).build();
    }

    /** The tipster, with the code and nothing else, claims the reward decided. */
    public synchronized TipEventPoint claim(Tip tip) {
        require(tip, TipState.REWARD_DECIDED, "claimed");
        return event(tip, "claimed", TipState.CLAIMED, TIPSTER).build();
    }

    public synchronized TipEventPoint pay(String id, Staff by) {
        Tip tip = moneyOf(id, by);
        require(tip, TipState.CLAIMED, "paid (the tipster claims it first, with the code)");
        return event(tip, "paid", TipState.PAID, by.name()).build();
    }

    private Tip readable(String id, Staff by) {
        Tip tip = tips.get(id);
        if (tip == null) {
            throw new Refused(Refused.Reason.NO_SUCH_TIP, "no tip " + id);
        }
        if (!mayRead(by, tip)) {
            if (mayList(by)) {
                throw new Refused(Refused.Reason.NOT_YOURS, by.name() + " may not read or work tip " + id);
            }
            // As for a tip that does not exist: staff of another town learn nothing of this one.
            throw new Refused(Refused.Reason.NO_SUCH_TIP, "no tip " + id);
        }
        return tip;
    }

    private Tip moneyOf(String id, Staff by) {
        Tip tip = readable(id, by);
        if (by.role() != Role.DUTY_LEADER) {
            throw new Refused(Refused.Reason.NOT_YOURS, "rewards are the duty leader's to decide and pay");
        }
        return tip;
    }

    private static void require(Tip tip, TipState state, String what) {
        if (tip.state() != state) {
            throw notNow(tip, what);
        }
    }

    private static Refused notNow(Tip tip, String what) {
        return new Refused(Refused.Reason.NOT_NOW, "tip " + tip.id() + " is " + tip.state().wireName()
                + ": it cannot be " + what + " now");
    }

    private static Draft event(Tip tip, String action, TipState state, String actor) {
        return new Draft(tip, action, state, actor);
    }

    private static final class Draft {
        private final Tip tip;
        private final String action;
        private final TipState state;
        private final String actor;
        private String findings;
        private double reward;

        Draft(Tip tip, String action, TipState state, String actor) {
            this.tip = tip;
            this.action = action;
            this.state = state;
            this.actor = actor;
        }

        Draft findings(String sealed) {
            findings = sealed;
            return this;
        }

        Draft reward(double yuan) {
            reward = yuan;
            return this;
        }

        TipEventPoint build() {
            return new TipEventPoint(tip.town(), tip.tipClass(), action, tip.id(), state.wireName(), actor, null, null,
                    findings, reward, 0);
        }
    }

    static TipEventPoint at(TipEventPoint e, long timeNanos) {
        return new TipEventPoint(e.town(), e.tipClass(), e.action(), e.tip(), e.state(), e.actor(), e.claimHash(),
                e.textSealed(), e.findingsSealed(), e.reward(), timeNanos);
    }
}
