package io.envwatch.alerting.cases;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
