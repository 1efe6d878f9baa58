package io.envwatch.alerting.tips;

import io.envwatch.district.WireName;
import java.util.Optional;

/** What a tip event did; a read changes nothing but the audit. */
public enum TipAction implements WireName {
    RECEIVED("received"),
    READ("read"),
    INVESTIGATING("investigating"),
    SUBSTANTIATED("substantiated"),
    NOT_SUBSTANTIATED("not-substantiated"),
    REWARD_DECIDED("reward-decided"),
    CLAIMED("claimed"),
    PAID("paid");

    private final String wireName;

    TipAction(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<TipAction> fromWire(String name) {
        return WireName.lookup(TipAction.class, name);
    }
}
