package io.envwatch.alerting.cases;

import io.envwatch.district.WireName;
import java.util.Optional;

/** Where a ledger case stands: open, rectifying (plan and deadline set), verifying, closed out. */
public enum CaseState implements WireName {
    OPEN("open"),
    RECTIFYING("rectifying"),
    VERIFYING("verifying"),
    CLOSED_OUT("closed-out");

    private final String wireName;

    CaseState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean isClosed() {
        return this == CLOSED_OUT;
    }

    public static Optional<CaseState> fromWire(String name) {
        return WireName.lookup(CaseState.class, name);
    }
}
