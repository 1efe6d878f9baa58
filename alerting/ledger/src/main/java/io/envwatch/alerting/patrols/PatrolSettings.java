package io.envwatch.alerting.patrols;

import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.alerting.staff.Role;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Village;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The towns' grids (网格) and their patrols: each grid of a town (in one village or community when
 * it names one) has a grid officer who walks its points in rounds starting at given local times,
 * every point checked in within {@code roundTakes} of the start, and may have information officers
 * who report early signs. Photos of findings are kept under {@code photos} (the service's volume).
 */
public record PatrolSettings(Path photos, List<Grid> grids) {
    /** Where the photos go without a setting: the environment's, else beside the service. */
    public static final String PHOTOS_ENV = "ENVWATCH_PATROL_PHOTOS";

    public static final String DEFAULT_ROUND_TAKES = "PT2H";

    /** A place the officer checks in at: within {@code radiusMetres} of it, as the phone places them. */
    public record Point(String id, String name, double lat, double lon, int radiusMetres) {}

    /** One grid: its town and village, who patrols it and reports in it, when, and where. */
    public record Grid(
            String id,
            String name,
            String town,
            String village,
            String officer,
            Set<String> informationOfficers,
            List<LocalTime> rounds,
            Duration roundTakes,
            List<Point> points) {

        public Optional<Point> point(String pointId) {
            return points.stream().filter(p -> p.id().equals(pointId)).findFirst();
        }

        /** Whether this person walks the grid's rounds or reports in it. */
        public boolean hasInTheField(String name) {
            return officer.equals(name) || informationOfficers.contains(name);
        }
    }

    public static PatrolSettings none(Function<String, String> env) {
        return new PatrolSettings(defaultPhotos(env), List.of());
    }

    public Optional<Grid> grid(String id) {
        return grids.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    private static Path defaultPhotos(Function<String, String> env) {
        String given = env.apply(PHOTOS_ENV);
        return Path.of(given == null || given.isBlank() ? "patrol-photos" : given);
    }

    /** @param roles each staff member's role by name: officers must be grid or information officers */
    public static PatrolSettings read(
            SettingsReader r, Registry registry, Map<String, Role> roles, Function<String, String> env) {
        if (r.missing("/patrols")) {
            return none(env);
        }
        r.onlyKeys("/patrols", Set.of("photos", "grids"));
        String photos = r.text("/patrols/photos", false);
        List<Grid> grids = new ArrayList<>();
        if (!r.missing("/patrols/grids") && !r.at("/patrols/grids").isArray()) {
            r.problem("/patrols/grids", "must be a list of grids (id, town, officer, rounds, points)");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < r.at("/patrols/grids").size(); i++) {
                Grid g = grid(r, "/patrols/grids/" + i, registry, roles);
                if (g != null && !ids.add(g.id())) {
                    r.problem("/patrols/grids/" + i + "/id", "another grid is already called " + g.id());
                } else if (g != null) {
                    grids.add(g);
                }
            }
        }
        return new PatrolSettings(photos == null ? defaultPhotos(env) : Path.of(photos), List.copyOf(grids));
    }

    private static Grid grid(SettingsReader r, String p, Registry registry, Map<String, Role> roles) {
        r.onlyKeys(
                p,
                Set.of(
                        "id",
                        "name",
                        "town",
                        "village",
                        "officer",
                        "informationOfficers",
                        "rounds",
                        "roundTakes",
                        "points"));
        String id = r.text(p + "/id", true);
        if (id != null && !SettingsReader.ID.matcher(id).matches()) {
            r.problem(p + "/id", "must be letters, digits, '.', '_' or '-' (at most 64)");
        }
        String name = r.text(p + "/name", false);
        String town = r.text(p + "/town", true);
        if (town != null && registry.town(town).isEmpty()) {
            r.problem(p + "/town", "unknown town " + town);
        }
        String village = r.text(p + "/village", false);
        if (village != null) {
            Village v = registry.village(village).orElse(null);
            if (v == null) {
                r.problem(p + "/village", "unknown village " + village);
            } else if (town != null && !v.town().equals(town)) {
                r.problem(p + "/village", village + " lies in " + v.town() + ", not " + town);
            }
        }
        String officer = r.text(p + "/officer", true);
        if (officer != null && roles.get(officer) != Role.GRID_OFFICER) {
            r.problem(p + "/officer", officer + " is no grid-officer of the staff");
        }
        Set<String> informants = new LinkedHashSet<>();
        if (!r.missing(p + "/informationOfficers")) {
            if (!r.at(p + "/informationOfficers").isArray()) {
                r.problem(p + "/informationOfficers", "must be a list of staff names");
            } else {
                for (int j = 0; j < r.at(p + "/informationOfficers").size(); j++) {
                    String who = r.text(p + "/informationOfficers/" + j, true);
                    if (who != null && roles.get(who) != Role.INFORMATION_OFFICER) {
                        r.problem(p + "/informationOfficers/" + j, who + " is no information-officer of the staff");
                    } else if (who != null) {
                        informants.add(who);
                    }
                }
            }
        }
        List<LocalTime> rounds = rounds(r, p);
        Duration takes = r.duration(p + "/roundTakes", DEFAULT_ROUND_TAKES);
        Duration shortestGap = shortestGap(rounds);
        if (shortestGap != null && takes.compareTo(shortestGap) > 0) {
            r.problem(
                    p + "/roundTakes",
                    takes + " is longer than the " + shortestGap
                            + " between two rounds: a round must end before the next starts");
        }
        List<Point> points = points(r, p);
        if (id == null || town == null || officer == null || rounds.isEmpty() || points.isEmpty()) {
            return null;
        }
        return new Grid(
                id, name == null ? id : name, town, village, officer, Set.copyOf(informants), rounds, takes, points);
    }

    private static List<LocalTime> rounds(SettingsReader r, String p) {
        List<LocalTime> rounds = new ArrayList<>();
        if (r.missing(p + "/rounds")
                || !r.at(p + "/rounds").isArray()
                || r.at(p + "/rounds").isEmpty()) {
            r.problem(p + "/rounds", "must list the local times rounds start, such as [\"08:30\", \"20:30\"]");
            return rounds;
        }
        for (int j = 0; j < r.at(p + "/rounds").size(); j++) {
            String text = r.text(p + "/rounds/" + j, true);
            try {
                LocalTime t = LocalTime.parse(text == null ? "" : text);
                if (!rounds.isEmpty() && !t.isAfter(rounds.get(rounds.size() - 1))) {
                    r.problem(p + "/rounds/" + j, "rounds must be listed in the day's order, each once");
                } else {
                    rounds.add(t);
                }
            } catch (DateTimeParseException e) {
                r.problem(p + "/rounds/" + j, "must be a local time such as 08:30, not " + text);
            }
        }
        return List.copyOf(rounds);
    }

    /** The shortest time between a round's start and the next one's (the first of the next day after the last). */
    static Duration shortestGap(List<LocalTime> rounds) {
        if (rounds.isEmpty()) {
            return null;
        }
        Duration shortest = Duration.ofDays(1);
        for (int i = 0; i < rounds.size(); i++) {
            LocalTime from = rounds.get(i);
            Duration gap = i + 1 < rounds.size()
                    ? Duration.between(from, rounds.get(i + 1))
                    : Duration.ofDays(1).minus(Duration.between(rounds.get(0), from));
            shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
        }
        return shortest;
    }

    private static List<Point> points(SettingsReader r, String p) {
        List<Point> points = new ArrayList<>();
        if (r.missing(p + "/points")
                || !r.at(p + "/points").isArray()
                || r.at(p + "/points").isEmpty()) {
            r.problem(p + "/points", "must list the patrol points ({id, name, at: [lat, lon], radius})");
            return points;
        }
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < r.at(p + "/points").size(); j++) {
            String q = p + "/points/" + j;
            r.onlyKeys(q, Set.of("id", "name", "at", "radius"));
            String id = r.text(q + "/id", true);
            String name = r.text(q + "/name", false);
            int radius = r.integer(q + "/radius", 100, 10, 2000);
            var at = r.at(q + "/at");
            boolean placed = at.isArray()
                    && at.size() == 2
                    && at.get(0).isNumber()
                    && at.get(1).isNumber()
                    && Math.abs(at.get(0).asDouble()) <= 90
                    && Math.abs(at.get(1).asDouble()) <= 180;
            if (!placed) {
                r.problem(q + "/at", "must be [lat, lon] in degrees");
            }
            if (id != null && !ids.add(id)) {
                r.problem(q + "/id", "another point of the grid is already called " + id);
            }
            if (id != null && placed) {
                points.add(new Point(
                        id,
                        name == null ? id : name,
                        at.get(0).asDouble(),
                        at.get(1).asDouble(),
                        radius));
            }
        }
        return List.copyOf(points);
    }
}
