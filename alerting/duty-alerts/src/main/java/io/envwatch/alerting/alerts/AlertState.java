package io.envwatch.alerting.alerts;

import io.envwatch.district.WireName;
import java.util.Optional;

/** Where an alert is in the duty room's work. */
public enum AlertState implements WireName {
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

    @Override
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
        return WireName.lookup(AlertState.class, name);
    }
}
