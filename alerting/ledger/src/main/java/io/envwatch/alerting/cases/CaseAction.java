package io.envwatch.alerting.cases;

import io.envwatch.district.WireName;
import java.util.Optional;

/** What a case event did. */
public enum CaseAction implements WireName {
    OPENED("opened"),
    RECTIFYING("rectifying"),
    VERIFYING("verifying"),
    CLOSED_OUT("closed-out"),
    REOPENED("reopened"),
    ESCALATED("escalated"),
    REVIEWED("reviewed"),
    LINKED("linked"),
    /** Who the case concerns, registered again: people involved, key persons, forecast. */
    PEOPLE("people");

    private final String wireName;

    CaseAction(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<CaseAction> fromWire(String name) {
        return WireName.lookup(CaseAction.class, name);
    }
}
