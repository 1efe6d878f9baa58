package io.envwatch.alerting.staff;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Team;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code staff} section: who may sign in, with which role, for which team, by the SHA-256 of
 * their token (inline or from the environment). Leaders' ledger keys (level, towns, superior) are
 * the ledger's to read.
 */
public final class StaffSettings {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String TOKEN_PUBLISHED = "this is a token of the demo settings, published with EnvWatch: "
            + "anyone could sign in with it; give each person a token of their own (ENVWATCH_DEMO=true allows it for a demo)";

    private StaffSettings() {}

    public static List<Staff> read(
            SettingsReader r,
            JsonNode list,
            Registry registry,
            Map<String, Set<String>> roomTowns,
            Function<String, String> env) {
        List<Staff> staff = new ArrayList<>();
        if (list.isMissingNode()) {
            return staff;
        }
        if (!list.isArray()) {
            r.problem("/staff", "must be a list of people (name, role, tokenSha256)");
            return staff;
        }
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/staff/" + i;
            String name = r.text(p + "/name", true);
            String roleName = r.text(p + "/role", true);
            String teamId = r.text(p + "/team", false);
            String roomId = r.text(p + "/room", false);
            String hash = tokenHash(r, p, env);
            r.onlyKeys(
                    p,
                    Set.of(
                            "name",
                            "role",
                            "team",
                            "room",
                            "tokenSha256",
                            "tokenSha256Env",
                            "level",
                            "towns",
                            "superior"));
            if (name != null && !names.add(name)) {
                r.problem(p + "/name", "another person is already called " + name);
            }
            Role role = roleName == null ? null : Role.fromWire(roleName).orElse(null);
            if (roleName != null && role == null) {
                r.problem(
                        p + "/role",
                        "unknown role " + roleName
                                + " (duty-officer, duty-leader, team-member, monitor, leader, hotline, "
                                + "grid-officer, information-officer)");
            }
            Set<String> towns = Set.of();
            if (role == Role.TEAM_MEMBER) {
                if (teamId == null) {
                    r.problem(p, "a team member needs a team");
                } else {
                    Team team = registry.team(teamId).orElse(null);
                    if (team == null) {
                        r.problem(p + "/team", "no team " + teamId + " in the registry");
                    } else {
                        towns = Set.copyOf(team.towns());
                    }
                }
            } else if (teamId != null && role != null) {
                r.problem(p + "/team", "only a team member has a team");
            }
            if (roomId != null && role != Role.DUTY_OFFICER && role != Role.DUTY_LEADER) {
                r.problem(p + "/room", "only a duty officer or duty leader works in a town's duty room");
            } else if (roomId != null && !roomTowns.containsKey(roomId)) {
                r.problem(p + "/room", "no duty room " + roomId + " (dutyRooms: " + roomTowns.keySet() + ")");
            } else if (roomId != null) {
                // A town room's officers act for its towns; the city room's, without a room, for all.
                teamId = roomId;
                towns = Set.copyOf(roomTowns.get(roomId));
            }
            if (hash != null && !SHA256.matcher(hash).matches()) {
                r.problem(
                        p + (r.missing(p + "/tokenSha256Env") ? "/tokenSha256" : "/tokenSha256Env"),
                        "must be the token's SHA-256 as 64 lower-case hex digits "
                                + "(printf %s \"$TOKEN\" | sha256sum), never the token itself");
            } else if (hash != null && !hashes.add(hash)) {
                r.problem(p + "/tokenSha256", "another person has the same token");
            }
            if (name != null && role != null && hash != null) {
                staff.add(new Staff(name, role, teamId, towns, hash));
            }
        }
        return staff;
    }

    /**
     * A person's token hash: inline ({@code tokenSha256}) or from the environment
     * ({@code tokenSha256Env}), so that a shipped settings file names no one's token and each
     * deployment brings its own.
     */
    private static String tokenHash(SettingsReader r, String p, Function<String, String> env) {
        String inline = r.text(p + "/tokenSha256", false);
        String variable = r.text(p + "/tokenSha256Env", false);
        if (inline != null && variable != null) {
            r.problem(p, "give tokenSha256 or tokenSha256Env, not both");
            return null;
        }
        if (variable != null) {
            String hash = env.apply(variable);
            if (hash == null || hash.isBlank()) {
                r.problem(
                        p + "/tokenSha256Env",
                        "the environment variable " + variable + " is not set " + "(printf %s \"$TOKEN\" | sha256sum)");
                return null;
            }
            r.refusePublished(p + "/tokenSha256Env", hash.strip(), TOKEN_PUBLISHED);
            return hash.strip();
        }
        if (inline == null && !r.missing(p)) {
            r.problem(p + "/tokenSha256", "is missing (or tokenSha256Env: a variable holding it)");
        }
        r.refusePublished(p + "/tokenSha256", inline, TOKEN_PUBLISHED);
        return inline;
    }
}
