package io.envwatch.alerting.ratings;

import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.district.language.Phrase;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.RatingPoint;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.SiteRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Enterprise environmental credit ratings, recomputed each month for the month before: every
 * enterprise that owns registry sites starts at 100 and loses points for its sites' incidents that
 * began in the month (more for severe ones), for the bureau's ledger cases about its sites not yet
 * closed out and for the job's open repeat-complaint cases about them. The score gives the class;
 * an enterprise with an open repeat case is never rated green or blue. Every deduction and cap is
 * a reason stored with the rating. Blocking: call it from a worker.
 */
public final class Ratings {
    public static final int INCIDENT = 5;
    public static final int SEVERE_INCIDENT = 10;
    public static final int OPEN_CASE = 15;
    public static final int OPEN_REPEAT_CASE = 20;
    /** The classes, best first, and the least score of each. */
    static final List<Map.Entry<String, Integer>> CLASSES = List.of(
            Map.entry("green", 90),
            Map.entry("blue", 75),
            Map.entry("yellow", 60),
            Map.entry("red", 40),
            Map.entry("black", Integer.MIN_VALUE));

    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final RepeatCases repeatCases;
    private final Registry registry;
    private final CaseBook cases;
    private final Duration repeatCaseReach;
    private final Clock clock;
    private final ZoneId zone;
    /** The last month known to be rated, so that the timer asks InfluxDB once a month, not every poll. */
    private YearMonth rated;

    public Ratings(
            InfluxQlRows reads,
            InfluxWrites writes,
            RepeatCases repeatCases,
            Registry registry,
            CaseBook cases,
            Clock clock) {
        this.reads = reads;
        this.writes = writes;
        this.repeatCases = repeatCases;
        this.registry = registry;
        this.cases = cases;
        this.repeatCaseReach = registry.rules().complaints().repeatCaseReach();
        this.clock = clock;
        this.zone = registry.localTime().zoneId();
    }

    /** Each enterprise's sites, by owner. */
    public Map<String, Set<String>> enterprises() {
        return registry.sites().stream()
                .filter(s -> s.owner() != null && !s.owner().isBlank())
                .collect(Collectors.groupingBy(
                        Site::owner, TreeMap::new, Collectors.mapping(Site::id, Collectors.toSet())));
    }

    /** Rates every enterprise for {@code month} and stores the ratings (a recomputation overwrites them). */
    public List<RatingPoint> compute(YearMonth month) {
        long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        List<RepeatCasePoint> openRepeatCases = repeatCases
                .since(clock.instant().minus(repeatCaseReach))
                .stream()
                .filter(RepeatCasePoint::open)
                .toList();
        List<RatingPoint> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : enterprises().entrySet()) {
            Set<String> sites = e.getValue();
            long incidents = 0;
            long severe = 0;
            for (Row row :
                    reads.rows(InfluxQl.select(IncidentPoint.MEASUREMENT, IncidentPoint.SEVERITY, IncidentPoint.SITE)
                            + " WHERE time >= " + InfluxQl.literal(Instant.ofEpochMilli(from)) + " AND time < "
                            + InfluxQl.literal(Instant.ofEpochMilli(to)) + " AND "
                            + InfluxQl.anyOf(IncidentPoint.SITE, sites))) {
                incidents++;
                String severity = row.text(IncidentPoint.SEVERITY);
                if ("HIGH".equals(severity) || "CRITICAL".equals(severity)) {
                    severe++;
                }
            }
            long openCases = cases.find(c -> !c.state().isClosed() && sites.contains(c.source()))
                    .size();
            long repeat = openRepeatCases.stream()
                    .filter(rc -> rc.incidents().stream()
                            .anyMatch(i -> sites.contains(SiteRule.parse(i).site())))
                    .count();
            out.add(rate(e.getKey(), month, incidents, severe, openCases, repeat, from));
        }
        out.forEach(r -> writes.write(r.toLine()));
        return out;
    }

    /** The rating of one enterprise from its month's counts: what it loses, its class, and why. */
    static RatingPoint rate(
            String enterprise, YearMonth month, long incidents, long severe, long openCases, long repeat, long at) {
        long score = 100
                - incidents * INCIDENT
                - severe * SEVERE_INCIDENT
                - openCases * OPEN_CASE
                - repeat * OPEN_REPEAT_CASE;
        String rated = classByScore(score);
        if (capped(rated, repeat)) {
            rated = "yellow";
        }
        return new RatingPoint(
                enterprise,
                month.toString(),
                rated,
                score,
                // Stored in English for the record; the API says them in the reader's language.
                reasons(incidents, severe, openCases, repeat, score).stream()
                        .map(Phrase::toString)
                        .toList(),
                incidents,
                severe,
                openCases,
                repeat,
                at * 1_000_000L);
    }

    /** Why a rating is what it is, from its counts: each deduction, the repeat-case cap, or a clean month. */
    public static List<Phrase> reasons(RatingPoint r) {
        return reasons(r.incidents(), r.severeIncidents(), r.openCases(), r.openRepeatCases(), r.score());
    }

    private static List<Phrase> reasons(long incidents, long severe, long openCases, long repeat, long score) {
        List<Phrase> reasons = new ArrayList<>();
        deduction(reasons, "rating.reason.incidents", incidents, INCIDENT);
        deduction(reasons, "rating.reason.severe", severe, SEVERE_INCIDENT);
        deduction(reasons, "rating.reason.open-cases", openCases, OPEN_CASE);
        deduction(reasons, "rating.reason.repeat-cases", repeat, OPEN_REPEAT_CASE);
        if (capped(classByScore(score), repeat)) {
            reasons.add(Phrase.of("rating.reason.repeat-cap"));
        }
        if (reasons.isEmpty()) {
            reasons.add(Phrase.of("rating.reason.clean"));
        }
        return reasons;
    }

    /** The class a score earns before the repeat-case cap: the first whose lower bound it reaches. */
    private static String classByScore(long score) {
        return CLASSES.stream()
                .filter(c -> score >= c.getValue())
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** An open repeat-complaint case keeps an enterprise out of green and blue. */
    private static boolean capped(String byScore, long repeat) {
        return repeat > 0 && (byScore.equals("green") || byScore.equals("blue"));
    }

    private static void deduction(List<Phrase> reasons, String key, long count, int each) {
        if (count > 0) {
            reasons.add(Phrase.of(key, "count", count, "points", count * each));
        }
    }

    /** The stored ratings of a month. */
    public List<RatingPoint> of(YearMonth month) {
        return reads
                .rows(InfluxQl.selectAll(RatingPoint.MEASUREMENT) + " WHERE " + RatingPoint.MONTH.is(month.toString()))
                .stream()
                .map(RatingPoint::fromRow)
                .toList();
    }

    /** An enterprise's ratings, oldest first. */
    public List<RatingPoint> history(String enterprise) {
        return reads
                .rows(InfluxQl.selectAll(RatingPoint.MEASUREMENT) + " WHERE " + RatingPoint.ENTERPRISE.is(enterprise)
                        + " ORDER BY time ASC")
                .stream()
                .map(RatingPoint::fromRow)
                .toList();
    }

    /** Rates last month if it has not been yet: what the service's timer calls. */
    public synchronized boolean computeLastMonthIfDue() {
        YearMonth last = YearMonth.from(clock.instant().atZone(zone)).minusMonths(1);
        if (last.equals(rated) || !of(last).isEmpty()) {
            rated = last;
            return false;
        }
        compute(last);
        rated = last;
        return true;
    }
}
