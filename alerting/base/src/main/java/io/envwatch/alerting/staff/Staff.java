package io.envwatch.alerting.staff;

import io.envwatch.district.language.Phrase;
import java.util.Set;

/**
 * A person who signs in with a bearer token. Only the token's SHA-256 is configured, so the
 * settings file never holds a usable credential.
 *
 * @param team the enforcement team of a team member, the town duty room of a town's duty officer
 *     or duty leader, else null
 * @param towns the towns a team member or a town room's duty staff act in; empty for the city's
 */
public record Staff(String name, Role role, String team, Set<String> towns, String tokenSha256) {

    /** Whether this person may change an alert of the given town. */
    public boolean mayActIn(String town) {
        return switch (role) {
            case DUTY_OFFICER, DUTY_LEADER -> towns.isEmpty() || towns.contains(town);
            case TEAM_MEMBER -> towns.contains(town);
            case MONITOR, LEADER, HOTLINE, GRID_OFFICER, INFORMATION_OFFICER -> false;
        };
    }

    /**
     * Whether this person's lists and live feed show an alert of the given town: a town duty room's
     * staff see their towns', everyone else the district's.
     */
    public boolean seesAlertsOf(String town) {
        boolean townRoom = (role == Role.DUTY_OFFICER || role == Role.DUTY_LEADER) && !towns.isEmpty();
        return !townRoom || towns.contains(town);
    }

    /** Whether this person may file complaints for the hotline, letters and visits, with their reference. */
    public boolean filesForTheHotline() {
        return role == Role.HOTLINE || role == Role.DUTY_OFFICER || role == Role.DUTY_LEADER;
    }

    /** Why {@link #mayActIn} refused, for a 403 body. */
    public Phrase refusal(String town) {
        return role == Role.MONITOR || role == Role.LEADER || role == Role.HOTLINE || role.inTheField()
                ? Phrase.of("refused.alert.role", "who", name, "role", Phrase.term("staff.role.", role.wireName()))
                : Phrase.of(
                        "refused.alert.town",
                        "who",
                        name,
                        "team",
                        String.valueOf(team),
                        "towns",
                        String.join(", ", new java.util.TreeSet<>(towns)),
                        "town",
                        town);
    }
}
