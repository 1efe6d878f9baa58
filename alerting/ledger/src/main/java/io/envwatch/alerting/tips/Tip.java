package io.envwatch.alerting.tips;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One tip as its events made it; its text and findings stay sealed here. */
public final class Tip {
    /** Who read the tip's text, and when: the audit. */
    public record Read(long at, String by) {}

    private final String id;
    private String town;
    private String tipClass;
    private TipState state = TipState.RECEIVED;
    private String claimHash;
    private String textSealed;
    private String findingsSealed;
    private double reward;
    private long receivedAt;
    private long closedAt;
    private long paidAt;
    private final List<Read> reads = new ArrayList<>();
    private final List<TipEvent> timeline = new ArrayList<>();

    Tip(String id) {
        this.id = id;
    }

    void apply(TipEvent e) {
        long at = e.timeMillis();
        if (e.action() == TipAction.READ) {
            reads.add(new Read(at, e.actor()));
            return;
        }
        if (e.action() == TipAction.RECEIVED) {
            town = e.town();
            tipClass = e.tipClass();
            claimHash = e.claimHash();
            textSealed = e.textSealed();
            // The hour only: a tip is stored as received at its hour's start and a random part of a second.
            receivedAt = at / 3_600_000L * 3_600_000L;
        }
        if (e.findingsSealed() != null) {
            findingsSealed = e.findingsSealed();
        }
        if (e.reward() > 0) {
            reward = e.reward();
        }
        state = e.state();
        if (state.closed() && closedAt == 0) {
            closedAt = at;
        }
        if (state == TipState.PAID) {
            paidAt = at;
        }
        timeline.add(e);
    }

    public String id() {
        return id;
    }

    public String town() {
        return town;
    }

    public String tipClass() {
        return tipClass;
    }

    public TipState state() {
        return state;
    }

    String claimHash() {
        return claimHash;
    }

    String textSealed() {
        return textSealed;
    }

    String findingsSealed() {
        return findingsSealed;
    }

    public double reward() {
        return reward;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public long closedAt() {
        return closedAt;
    }

    public long paidAt() {
        return paidAt;
    }

    /** Whole days from the tip to its payout, or -1 until paid. */
    public long daysToPayout() {
        return paidAt == 0 ? -1 : (paidAt - receivedAt) / 86_400_000L;
    }

    public List<Read> reads() {
        return Collections.unmodifiableList(reads);
    }

    public List<TipEvent> timeline() {
        return Collections.unmodifiableList(timeline);
    }

    public long firstEventNanos() {
        return timeline.get(0).timeNanos();
    }
}
