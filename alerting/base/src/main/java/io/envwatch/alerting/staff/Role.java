package io.envwatch.alerting.staff;

import io.envwatch.district.WireName;
import java.util.Optional;

/** What a signed-in person may do. Anonymous callers have no role: they may only file web complaints and tips. */
public enum Role implements WireName {
    /** Works every alert in the district. */
    DUTY_OFFICER("duty-officer"),
    /** A duty officer who also receives escalations. */
    DUTY_LEADER("duty-leader"),
    /** Works the alerts of the towns their enforcement team answers for. */
    TEAM_MEMBER("team-member"),
    /** Reads everything, changes nothing (river monitors, managers). */
    MONITOR("monitor"),
    /**
     * Takes the hotline's calls (12345, 12369), letters and visits and files them as complaints,
     * with their reference and channel; works no alerts.
     */
    HOTLINE("hotline"),
    /** A leader who owns ledger cases (city leader, branch chief, section chief); reads alerts, does not work them. */
    LEADER("leader");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWire(String name) {
        return WireName.lookup(Role.class, name);
    }
}
