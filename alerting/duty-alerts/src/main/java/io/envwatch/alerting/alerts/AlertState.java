package io.envwatch.alerting.alerts;

import java.util.Arrays;
import java.util.Optional;

/** Where an alert is in the duty room's work. */
public enum AlertState {
    OPEN("open"),
    /** Open again: the same site exceeded again soon after the alert was resolved. */
    REOPENED("reopened"),
    ACKNOWLEDGED("acknowledged"),
    DISPATCHED("dispatched"),
    ON_SCENE("on-scene"),
    RESOLVED("resolved"),
    /** The incident ended before anybody acknowledged the alert. */
    AUTO_RESOLVED("auto-resolved");

    private final String wireName;

    AlertState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Waiting for somebody to acknowledge it. */
    public boolean awaitsAcknowledgement() {
        return this == OPEN || this == REOPENED;
    }

    /** Acknowledged, nobody on scene yet. */
    public boolean awaitsArrival() {
        return this == ACKNOWLEDGED || this == DISPATCHED;
    }

    public boolean isClosed() {
        return this == RESOLVED || this == AUTO_RESOLVED;
    }

    public static Optional<AlertState> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
