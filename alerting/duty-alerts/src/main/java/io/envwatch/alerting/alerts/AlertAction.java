package io.envwatch.alerting.alerts;

import io.envwatch.district.WireName;
import java.util.Optional;

/** What happened to an alert; every change is one stored event with one of these. */
public enum AlertAction implements WireName {
    /** The job reported a new incident. */
    OPENED("opened"),
    /** The incident changed: a higher peak, another complaint or building, another severity. */
    UPDATED("updated"),
    ACKNOWLEDGED("acknowledged"),
    DISPATCHED("dispatched"),
    ON_SCENE("on-scene"),
    RESOLVED("resolved"),
    AUTO_RESOLVED("auto-resolved"),
    /** The incident ended while people were working the alert: it stays theirs to resolve. */
    INCIDENT_CLEARED("incident-cleared"),
    REOPENED("reopened"),
    /**
     * A town duty room missed a deadline: the city duty room takes the alert over, severity goes up
     * a step, and both rooms are told.
     */
    HANDED_OVER("handed-over"),
    /** A response deadline passed: severity goes up a step and the duty leader is told. */
    ESCALATED("escalated");

    private final String wireName;

    AlertAction(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<AlertAction> fromWire(String name) {
        return WireName.lookup(AlertAction.class, name);
    }
}
