package io.envwatch.alerting.cases;

import java.util.Arrays;
import java.util.Optional;

/** What a case event did. */
public enum CaseAction {
    OPENED("opened"),
    RECTIFYING("rectifying"),
    VERIFYING("verifying"),
    CLOSED_OUT("closed-out"),
    REOPENED("reopened"),
    ESCALATED("escalated"),
    REVIEWED("reviewed"),
    LINKED("linked");

    private final String wireName;

    CaseAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CaseAction> fromWire(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
