package io.envwatch.alerting.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the ledger works: the quiet period a case needs before it may be closed out, which level of
 * leader owns a case of a given weight, and the leaders.
 *
 * @param evidencePeriod no corroborated complaint and no exceedance about the source for this long
 * @param pollEvery how often the ledger reads the job's repeat cases and corroborated complaints
 * @param levels owner levels by the households a case affects, heaviest first
 */
public record CaseSettings(Duration evidencePeriod, Duration pollEvery, List<Level> levels, List<Leader> leaders) {
    public static final List<String> LEVEL_NAMES = List.of("city-leader", "branch-chief", "section-chief");

    /** Cases affecting at least {@code minHouseholds} households are owned at {@code level}. */
    public record Level(String level, long minHouseholds) {}

    /**
     * A leader who may own cases.
     *
     * @param towns the towns whose cases they own; empty for the whole district
     * @param superior who a missed deadline escalates to, or null at the top
     */
    public record Leader(String name, String level, Set<String> towns, String superior) {
        public boolean covers(String town) {
            return towns.isEmpty() || towns.contains(town);
        }
    }

    /**
     * The {@code cases} section (evidencePeriod, pollEvery, levels by households) and the leaders,
     * who are staff with role {@code leader}, a {@code level}, optional {@code towns} and a
     * {@code superior} of a higher level.
     */
    public static CaseSettings read(SettingsReader r, Registry registry) {
        CaseSettings d = defaults();
        JsonNode staff = r.at("/staff");
        if (!r.missing("/cases")) {
            r.onlyKeys("/cases", Set.of("evidencePeriod", "pollEvery", "levels"));
        }
        Duration period = r.duration("/cases/evidencePeriod", d.evidencePeriod().toString());
        Duration poll = r.duration("/cases/pollEvery", d.pollEvery().toString());
        List<Level> levels = new ArrayList<>(d.levels());
        JsonNode given = r.at("/cases/levels");
        if (!given.isMissingNode()) {
            levels.clear();
            for (int i = 0; i < given.size(); i++) {
                String p = "/cases/levels/" + i;
                r.onlyKeys(p, Set.of("level", "minHouseholds"));
                String level = r.text(p + "/level", true);
                if (level != null && !LEVEL_NAMES.contains(level)) {
                    r.problem(p + "/level", "unknown level " + level + " " + LEVEL_NAMES);
                }
                levels.add(new Level(level, r.integer(p + "/minHouseholds", 0, 0, 10_000_000)));
            }
        }
        List<Leader> leaders = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        Set<String> townIds = new HashSet<>();
        registry.towns().forEach(t -> townIds.add(t.id()));
        for (int i = 0; staff.isArray() && i < staff.size(); i++) {
            String p = "/staff/" + i;
            JsonNode person = staff.get(i);
            if (!"leader".equals(person.path("role").asText())) {
                for (String key : List.of("level", "towns", "superior")) {
                    if (person.has(key)) {
                        r.problem(p + "/" + key, "only a leader has a " + key);
                    }
                }
                continue;
            }
            String level = r.text(p + "/level", true);
            if (level != null && !LEVEL_NAMES.contains(level)) {
                r.problem(p + "/level", "unknown level " + level + " " + LEVEL_NAMES);
            }
            Set<String> towns = new TreeSet<>();
            for (JsonNode t : person.path("towns")) {
                if (!townIds.contains(t.asText())) {
                    r.problem(p + "/towns", "no town " + t.asText() + " in the registry");
                }
                towns.add(t.asText());
            }
            leaders.add(new Leader(person.path("name").asText(), level, towns, r.text(p + "/superior", false)));
            pointers.add(p + "/superior");
        }
        for (int i = 0; i < leaders.size(); i++) {
            Leader l = leaders.get(i);
            if (l.superior() == null) {
                continue;
            }
            Leader above = leaders.stream()
                    .filter(o -> o.name().equals(l.superior()))
                    .findFirst()
                    .orElse(null);
            if (above == null) {
                r.problem(pointers.get(i), l.superior() + " is not a leader");
            } else if (l.level() != null
                    && above.level() != null
                    && LEVEL_NAMES.indexOf(above.level()) >= LEVEL_NAMES.indexOf(l.level())) {
                r.problem(
                        pointers.get(i),
                        above.name() + " (" + above.level() + ") is not of a higher level than " + l.name() + " ("
                                + l.level() + ")");
            }
        }
        return new CaseSettings(period, poll, levels, leaders);
    }

    public static CaseSettings defaults() {
        return new CaseSettings(
                Duration.ofDays(30),
                Duration.ofSeconds(30),
                List.of(new Level("city-leader", 500), new Level("branch-chief", 100), new Level("section-chief", 0)),
                List.of());
    }

    /** The level a case of this weight is owned at. */
    public String levelFor(long households) {
        return levels.stream()
                .sorted(Comparator.comparingLong(Level::minHouseholds).reversed())
                .filter(l -> households >= l.minHouseholds())
                .map(Level::level)
                .findFirst()
                .orElse(LEVEL_NAMES.get(LEVEL_NAMES.size() - 1));
    }

    /**
     * The owner for a case of this weight in this town: a leader of that level covering the town,
     * else the nearest level above that has one.
     */
    public Optional<Leader> ownerFor(long households, String town) {
        int from = LEVEL_NAMES.indexOf(levelFor(households));
        for (int i = from; i >= 0; i--) {
            String level = LEVEL_NAMES.get(i);
            Optional<Leader> found = leaders.stream()
                    .filter(l -> l.level().equals(level) && l.covers(town))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Optional<Leader> leader(String name) {
        return leaders.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
