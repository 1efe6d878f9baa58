package io.envwatch.alerting.tips;

import io.envwatch.district.WireName;
import java.util.Optional;

/** Where a tip stands, as the tipster reads it with the claim code. */
public enum TipState implements WireName {
    RECEIVED("received"),
    INVESTIGATING("under-investigation"),
    SUBSTANTIATED("substantiated"),
    NOT_SUBSTANTIATED("not-substantiated"),
    REWARD_DECIDED("reward-decided"),
    CLAIMED("claimed"),
    PAID("paid");

    private final String wireName;

    TipState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Verified, either way. */
    public boolean closed() {
        return this != RECEIVED && this != INVESTIGATING;
    }

    public boolean substantiated() {
        return this == SUBSTANTIATED || this == REWARD_DECIDED || this == CLAIMED || this == PAID;
    }

    public static Optional<TipState> fromWire(String name) {
        return WireName.lookup(TipState.class, name);
    }
}
