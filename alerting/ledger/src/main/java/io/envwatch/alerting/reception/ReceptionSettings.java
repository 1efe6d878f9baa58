package io.envwatch.alerting.reception;

import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leaders' monthly petition reception days (环境信访日): each town's principal leader receives
 * complainants in person once a month, on a day of the month the settings give
 * ({@code reception: [{town, leader, dayOfMonth}]}, at most the 28th so that every month has it).
 */
public record ReceptionSettings(List<Schedule> schedules) {
    /** One leader's reception day for one town, every month. */
    public record Schedule(String town, String leader, int dayOfMonth) {}

    public static final ReceptionSettings NONE = new ReceptionSettings(List.of());

    /** @param leaders the staff names of role leader */
    public static ReceptionSettings read(SettingsReader r, Registry registry, Set<String> leaders) {
        if (r.missing("/reception")) {
            return NONE;
        }
        if (!r.at("/reception").isArray()) {
            r.problem("/reception", "must be a list of {town, leader, dayOfMonth}");
            return NONE;
        }
        List<Schedule> schedules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.at("/reception").size(); i++) {
            String p = "/reception/" + i;
            r.onlyKeys(p, Set.of("town", "leader", "dayOfMonth"));
            String town = r.text(p + "/town", true);
            String leader = r.text(p + "/leader", true);
            int day = r.integer(p + "/dayOfMonth", 0, 1, 28);
            if (r.missing(p + "/dayOfMonth")) {
                r.problem(p + "/dayOfMonth", "is missing");
            }
            if (town != null && registry.town(town).isEmpty()) {
                r.problem(p + "/town", "unknown town " + town);
            }
            if (leader != null && !leaders.contains(leader)) {
                r.problem(p + "/leader", leader + " is no leader of the staff");
            }
            if (town != null && leader != null && !seen.add(town + "/" + leader)) {
                r.problem(p, leader + " has a reception day in " + town + " already");
            }
            schedules.add(new Schedule(town, leader, day));
        }
        return new ReceptionSettings(List.copyOf(schedules));
    }
}
