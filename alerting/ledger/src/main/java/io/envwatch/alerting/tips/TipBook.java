package io.envwatch.alerting.tips;

import io.envwatch.alerting.claims.ClaimCodes;
import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.language.Phrase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

    /** A new tip's event and the claim code to show the tipster, once. */
    public record Received(TipEvent event, String claimCode) {}

    public synchronized void apply(TipEvent e) {
        tips.computeIfAbsent(e.tip(), Tip::new).apply(e);
    }

    public synchronized Optional<Tip> get(String id) {
        return Optional.ofNullable(tips.get(id));
    }

    public synchronized List<Tip> find(Predicate<Tip> filter) {
        return tips.values().stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(Tip::receivedAt).reversed())
                .toList();
    }

    public TipSettings settings() {
        return settings;
    }

    /** Slow (the claim code's hash): on the tip ledger's thread, holding no lock readers wait on. */
    public Received receive(String tipClass, String town, String text, long now) {
        String id = ClaimCodes.newId("TIP-");
        while (get(id).isPresent()) {
            id = ClaimCodes.newId("TIP-");
        }
        ClaimCodes.Issued code = ClaimCodes.issue(id);
        return new Received(
                new TipEvent(
                        0,
                        id,
                        town,
                        tipClass,
                        TipAction.RECEIVED,
                        TipState.RECEIVED,
                        TIPSTER,
                        code.storedHash(),
                        sealer.seal(text),
                        null,
                        0),
                code.code());
    }

    /** The tip a claim code opens, or empty for a wrong code. Slow (the hash). */
    public Optional<Tip> byCode(String code) {
        ClaimCodes.Parts parts = ClaimCodes.parse(code);
        if (parts == null) {
            return Optional.empty();
        }
        Tip tip = get(parts.id()).orElse(null);
        return ClaimCodes.matches(parts.secret(), tip == null ? null : tip.claimHash())
                ? Optional.of(tip)
                : Optional.empty();
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
            case LEADER, MONITOR, HOTLINE, GRID_OFFICER, INFORMATION_OFFICER -> false;
        };
    }

    /** The text for a person allowed to read it, with the audit event their read leaves. */
    public synchronized TipEvent read(String id, Staff by) {
        Tip tip = readable(id, by);
        return event(tip, TipAction.READ, tip.state(), by.name());
    }

    public String text(Tip tip) {
        return sealer.open(tip.textSealed());
    }

    public String findings(Tip tip) {
        return tip.findingsSealed() == null ? null : sealer.open(tip.findingsSealed());
    }

    public synchronized TipEvent investigate(String id, Staff by) {
        Tip tip = readable(id, by);
        require(tip, TipState.RECEIVED, "investigate");
        return event(tip, TipAction.INVESTIGATING, TipState.INVESTIGATING, by.name());
    }

    public synchronized TipEvent verify(String id, Staff by, boolean substantiated, String findings) {
        Tip tip = readable(id, by);
        if (tip.state() != TipState.RECEIVED && tip.state() != TipState.INVESTIGATING) {
            throw notNow(tip, "verify");
        }
        TipState to = substantiated ? TipState.SUBSTANTIATED : TipState.NOT_SUBSTANTIATED;
        TipAction action = substantiated ? TipAction.SUBSTANTIATED : TipAction.NOT_SUBSTANTIATED;
        return withFindings(event(tip, action, to, by.name()), sealer.seal(findings));
    }

    /** The reward the class carries; money is the duty leader's decision. */
    public synchronized TipEvent decideReward(String id, Staff by) {
        Tip tip = moneyOf(id, by);
        require(tip, TipState.SUBSTANTIATED, "reward");
        double reward = settings.tipClass(tip.tipClass())
                        .map(TipSettings.TipClass::reward)
                        .orElse(0.0)
                * multiplier.of(tip.town(), tip.receivedAt());
        return withReward(event(tip, TipAction.REWARD_DECIDED, TipState.REWARD_DECIDED, by.name()), reward);
    }

    /** The tipster, with the code and nothing else, claims the reward decided. */
    public synchronized TipEvent claim(Tip tip) {
        require(tip, TipState.REWARD_DECIDED, "claim");
        return event(tip, TipAction.CLAIMED, TipState.CLAIMED, TIPSTER);
    }

    public synchronized TipEvent pay(String id, Staff by) {
        Tip tip = moneyOf(id, by);
        require(tip, TipState.CLAIMED, "pay");
        return event(tip, TipAction.PAID, TipState.PAID, by.name());
    }

    /**
     * The steps this person may take on the tip now, as the API's verbs: what the tips page offers.
     * Asked of the same rules that decide a step, so the page never offers what would be refused.
     */
    public synchronized List<String> allowedSteps(String id, Staff by) {
        List<String> steps = new ArrayList<>();
        offer(steps, "investigate", () -> investigate(id, by));
        offer(steps, "verify", () -> verify(id, by, true, "findings"));
        offer(steps, "reward", () -> decideReward(id, by));
        offer(steps, "pay", () -> pay(id, by));
        return steps;
    }

    private static void offer(List<String> steps, String verb, Supplier<TipEvent> decide) {
        try {
            decide.get();
            steps.add(verb);
        } catch (Refused notNowOrNotTheirs) {
            // not offered
        }
    }

    private Tip readable(String id, Staff by) {
        Tip tip = tips.get(id);
        if (tip == null) {
            throw new Refused(Refused.Reason.NOT_FOUND, "refused.tip.none", "id", id);
        }
        if (!mayRead(by, tip)) {
            if (mayList(by)) {
                throw new Refused(Refused.Reason.NOT_YOURS, "refused.tip.not-yours", "who", by.name(), "id", id);
            }
            // As for a tip that does not exist: staff of another town learn nothing of this one.
            throw new Refused(Refused.Reason.NOT_FOUND, "refused.tip.none", "id", id);
        }
        return tip;
    }

    private Tip moneyOf(String id, Staff by) {
        Tip tip = readable(id, by);
        if (by.role() != Role.DUTY_LEADER) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.tip.rewards");
        }
        return tip;
    }

    private static void require(Tip tip, TipState state, String step) {
        if (tip.state() != state) {
            throw notNow(tip, step);
        }
    }

    /** @param step the step refused, as the catalogue names it ({@code refused.tip.not-now.<step>}) */
    private static Refused notNow(Tip tip, String step) {
        return new Refused(
                Refused.Reason.NOT_NOW,
                "refused.tip.not-now." + step,
                "id",
                tip.id(),
                "state",
                Phrase.term("tip.state.", tip.state().wireName()));
    }

    /** A draft event about a tip: the log stamps its time when it stores it. */
    private static TipEvent event(Tip tip, TipAction action, TipState state, String actor) {
        return new TipEvent(0, tip.id(), tip.town(), tip.tipClass(), action, state, actor, null, null, null, 0);
    }

    private static TipEvent withFindings(TipEvent e, String sealed) {
        return new TipEvent(
                0, e.tip(), e.town(), e.tipClass(), e.action(), e.state(), e.actor(), null, null, sealed, 0);
    }

    private static TipEvent withReward(TipEvent e, double yuan) {
        return new TipEvent(
                0, e.tip(), e.town(), e.tipClass(), e.action(), e.state(), e.actor(), null, null, null, yuan);
    }
}
