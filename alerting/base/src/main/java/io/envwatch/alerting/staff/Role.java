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
    LEADER("leader"),
    /**
     * Patrols a grid of a town on its schedule (网格员): checks in at its points and files findings,
     * through the patrol page and nothing else.
     */
    GRID_OFFICER("grid-officer"),
    /**
     * Reports early signs in a key complaint area (信访信息员) through the patrol page, before they
     * become complaints; nothing else.
     */
    INFORMATION_OFFICER("information-officer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Field staff use the patrol page only: every other resource refuses them. */
    public boolean inTheField() {
        return this == GRID_OFFICER || this == INFORMATION_OFFICER;
    }

    public static Optional<Role> fromWire(String name) {
        return WireName.lookup(Role.class, name);
    }
}
