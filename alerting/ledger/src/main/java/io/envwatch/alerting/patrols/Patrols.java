package io.envwatch.alerting.patrols;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Village;
import io.envwatch.district.schema.Column;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Measurement;
import io.envwatch.district.schema.PatrolCheckInPoint;
import io.envwatch.district.schema.PatrolFindingPoint;
import io.envwatch.district.schema.PatrolRoundPoint;
import io.envwatch.district.schema.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Grid patrols as they happen: officers check in at their grid's points (where the phone places
 * them, within the point's radius), rounds are judged against the schedule (a round whose time ran
 * out with points unvisited is missed and flagged once; completed later it is late), and findings
 * and information officers' early reports are filed with an optional photo. Check-ins of the last
 * two days are held in memory (one per point and round: the settings bound them); everything is
 * stored first. Blocking (InfluxDB, the photo volume): call it from a worker.
 */
public final class Patrols {
    /** Finding categories: the complaints' own, so a finding sits beside the complaints it foretells. */
    public static final Set<String> CATEGORIES = Set.of("odour", "noise", "water", "other");

    /** What one person may file in a day: a busy patrol files a handful; a script files thousands. */
    public static final int FINDINGS_PER_DAY = 100;

    /** A phone's position this uncertain says little about where it is: wait for the satellites. */
    public static final double WORST_ACCURACY_METRES = 500;

    /** The most a position's own uncertainty may widen a point's radius. */
    static final double ACCURACY_ALLOWANCE_METRES = 100;

    private static final Duration HELD = Duration.ofDays(2);

    private final PatrolSettings settings;
    private final Registry registry;
    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final PatrolPhotos photos;
    private final Clock clock;
    private final ZoneId zone;
    private final List<PatrolCheckInPoint> checkIns = new ArrayList<>();
    private final Map<String, PatrolRoundPoint> judged = new HashMap<>();
    private final Map<String, Integer> filedToday = new HashMap<>();
    /** When each grid's patrols began: its first stored check-in or round, else this start. */
    private final Map<String, Long> began = new HashMap<>();

    private LocalDate countingDay;

    public Patrols(
            PatrolSettings settings,
            Registry registry,
            InfluxQlRows reads,
            InfluxWrites writes,
            Clock clock,
            ZoneId zone) {
        this.settings = settings;
        this.registry = registry;
        this.reads = reads;
        this.writes = writes;
        this.photos = new PatrolPhotos(settings.photos());
        this.clock = clock;
        this.zone = zone;
    }

    public PatrolSettings settings() {
        return settings;
    }

    /** A village's name as the registry gives it; null for none. */
    public String villageName(String id) {
        return id == null ? null : registry.village(id).map(Village::name).orElse(id);
    }

    public PatrolPhotos photos() {
        return photos;
    }

    public ZoneId zone() {
        return zone;
    }

    public long now() {
        return clock.millis();
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** Reads back the last two days' check-ins and judged rounds; the number of check-ins read. */
    public synchronized int recover() {
        Instant since = clock.instant().minus(HELD).minus(Duration.ofDays(1));
        checkIns.clear();
        for (Row row : reads.rows(
                InfluxQl.selectAll(PatrolCheckInPoint.MEASUREMENT) + " WHERE time >= " + InfluxQl.literal(since))) {
            checkIns.add(PatrolCheckInPoint.fromRow(row));
        }
        judged.clear();
        for (Row row : reads.rows(
                InfluxQl.selectAll(PatrolRoundPoint.MEASUREMENT) + " WHERE time >= " + InfluxQl.literal(since))) {
            PatrolRoundPoint p = PatrolRoundPoint.fromRow(row);
            judged.put(p.grid() + "@" + p.timeNanos() / 1_000_000L, p);
        }
        began.clear();
        // The first point's time of each grid, of its check-ins and of its rounds.
        firstOfEachGrid(PatrolCheckInPoint.MEASUREMENT, PatrolCheckInPoint.OFFICER, PatrolCheckInPoint.GRID);
        firstOfEachGrid(PatrolRoundPoint.MEASUREMENT, PatrolRoundPoint.OFFICER, PatrolRoundPoint.GRID);
        long now = clock.millis();
        settings.grids().forEach(g -> began.putIfAbsent(g.id(), now));
        for (Row row : reads.rows("SELECT last(" + PatrolFindingPoint.ID.quoted() + ") FROM "
                + PatrolFindingPoint.MEASUREMENT.quoted())) {
            lastId = Math.max(lastId, row.time().toEpochMilli());
        }
        return checkIns.size();
    }

    private void firstOfEachGrid(Measurement m, Column any, Column grid) {
        for (Row row :
                reads.rows("SELECT first(" + any.quoted() + ") FROM " + m.quoted() + " GROUP BY " + grid.quoted())) {
            began.merge(row.text(grid), row.time().toEpochMilli(), Math::min);
        }
    }

    /** The grids this person walks or reports in. */
    public List<PatrolSettings.Grid> gridsOf(Staff staff) {
        return settings.grids().stream()
                .filter(g -> g.hasInTheField(staff.name()))
                .toList();
    }

    /** The grids whose rounds and findings this person follows: field staff theirs, the duty room its towns'. */
    public List<PatrolSettings.Grid> gridsSeenBy(Staff staff) {
        if (staff.role().inTheField()) {
            return gridsOf(staff);
        }
        return settings.grids().stream()
                .filter(g -> staff.towns().isEmpty() || staff.towns().contains(g.town()))
                .toList();
    }

    /** A grid's rounds on a date, with the check-ins held. */
    public synchronized List<Round> rounds(PatrolSettings.Grid grid, LocalDate date) {
        List<Round.CheckIn> held = checkIns.stream()
                .filter(c -> c.grid().equals(grid.id()))
                .map(c -> new Round.CheckIn(c.grid(), c.point(), c.epochMillis()))
                .toList();
        return Round.of(grid, date, zone, held);
    }

    /** The check-in a round counts for a point, with the phone's own record of it. */
    public synchronized Optional<PatrolCheckInPoint> checkIn(Round round, String point) {
        Long at = round.visits().get(point);
        return at == null
                ? Optional.empty()
                : checkIns.stream()
                        .filter(c ->
                                c.grid().equals(round.grid().id()) && c.point().equals(point) && c.epochMillis() == at)
                        .findFirst();
    }

    /**
     * The officer at a point of their grid, as the phone places them: stored and counted for the
     * round under way (or, late, for the last one).
     *
     * @throws Refused no such grid or point for them (404), not their grid's officer (403), too far
     *     from the point or the position too uncertain (422), checked in there this round already (409)
     */
    public synchronized PatrolCheckInPoint checkIn(
            Staff by, String gridId, String pointId, double lat, double lon, double accuracy, long clientTime) {
        PatrolSettings.Grid grid = settings.grid(gridId)
                .filter(g -> g.hasInTheField(by.name()) || !by.role().inTheField())
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "refused.patrol.no-grid", "grid", gridId));
        if (!grid.officer().equals(by.name())) {
            throw new Refused(
                    Refused.Reason.NOT_YOURS,
                    "refused.patrol.not-officer",
                    "grid",
                    grid.id(),
                    "officer",
                    grid.officer());
        }
        PatrolSettings.Point point = grid.point(pointId)
                .orElseThrow(() -> new Refused(
                        Refused.Reason.NOT_FOUND, "refused.patrol.no-point", "grid", grid.id(), "point", pointId));
        if (accuracy > WORST_ACCURACY_METRES) {
            throw new Refused(
                    Refused.Reason.NOT_THERE,
                    "refused.patrol.uncertain",
                    "accuracy",
                    Math.round(accuracy),
                    "worst",
                    Math.round(WORST_ACCURACY_METRES));
        }
        double distance = LocalPlane.metres(lat, lon, point.lat(), point.lon());
        if (distance - Math.min(accuracy, ACCURACY_ALLOWANCE_METRES) > point.radiusMetres()) {
            throw new Refused(
                    Refused.Reason.NOT_THERE,
                    "refused.patrol.too-far",
                    "distance",
                    Math.round(distance),
                    "point",
                    point.name(),
                    "radius",
                    point.radiusMetres());
        }
        long now = clock.millis();
        Round round = current(grid, now)
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_NOW, "refused.patrol.no-round", "grid", grid.id()));
        Long already = round.visits().get(point.id());
        if (already != null) {
            throw new Refused(
                    Refused.Reason.NOT_NOW,
                    "refused.patrol.checked-in",
                    "point",
                    point.name(),
                    "at",
                    io.envwatch.district.registry.LocalTimeRules.wallClock(already, zone));
        }
        PatrolCheckInPoint p = new PatrolCheckInPoint(
                grid.town(),
                grid.village(),
                grid.id(),
                point.id(),
                by.name(),
                lat,
                lon,
                accuracy,
                distance,
                clientTime,
                now * 1_000_000L);
        writes.write(p.toLine());
        checkIns.add(p);
        prune(now);
        return p;
    }

    /** The round a check-in now counts for: the latest started (today's, or last night's). */
    private Optional<Round> current(PatrolSettings.Grid grid, long now) {
        LocalDate today = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
        List<Round> candidates = new ArrayList<>(rounds(grid, today.minusDays(1)));
        candidates.addAll(rounds(grid, today));
        return candidates.stream()
                .filter(r -> r.startAt().toEpochMilli() <= now && r.open(now))
                .findFirst();
    }

    private void prune(long now) {
        long oldest = now - HELD.plusDays(1).toMillis();
        checkIns.removeIf(c -> c.epochMillis() < oldest);
        judged.values().removeIf(r -> r.timeNanos() / 1_000_000L < oldest);
    }

    /**
     * Judges yesterday's and today's rounds whose time ran out or that were completed: each new
     * outcome is stored once (missed, flagged; late over a missed one; done). Answers the rounds
     * newly missed, for the town's duty room.
     */
    public synchronized List<Round> judge() {
        long now = clock.millis();
        LocalDate today = today();
        List<Round> missed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<PatrolRoundPoint> points = new ArrayList<>();
        for (PatrolSettings.Grid grid : settings.grids()) {
            for (LocalDate date : List.of(today.minusDays(1), today)) {
                for (Round round : rounds(grid, date)) {
                    Round.Status status = round.status(now);
                    if (status == Round.Status.UPCOMING
                            || status == Round.Status.UNDER_WAY
                            || round.dueAt().toEpochMilli() <= began.getOrDefault(grid.id(), 0L)) {
                        // A round that ran out before the grid's patrols began was nobody's to walk.
                        continue;
                    }
                    PatrolRoundPoint before = judged.get(round.key());
                    String wire = status.wireName();
                    if (before != null && before.status().equals(wire)) {
                        continue;
                    }
                    boolean flagged = status == Round.Status.MISSED || (before != null && before.flagged());
                    PatrolRoundPoint p = new PatrolRoundPoint(
                            grid.town(),
                            grid.village(),
                            grid.id(),
                            grid.officer(),
                            wire,
                            round.visits().size(),
                            grid.points().size(),
                            round.completedAt(),
                            flagged,
                            round.startAt().toEpochMilli() * 1_000_000L);
                    lines.add(p.toLine());
                    points.add(p);
                    if (status == Round.Status.MISSED) {
                        missed.add(round);
                    }
                }
            }
        }
        if (!lines.isEmpty()) {
            writes.write(String.join("\n", lines));
            points.forEach(p -> judged.put(p.grid() + "@" + p.timeNanos() / 1_000_000L, p));
        }
        return missed;
    }

    /** The rounds flagged missed that started since {@code sinceMillis}: a restart sends what it may not have. */
    public synchronized List<Round> flaggedSince(long sinceMillis) {
        List<Round> out = new ArrayList<>();
        LocalDate today = today();
        for (PatrolSettings.Grid grid : settings.grids()) {
            for (LocalDate date : List.of(today.minusDays(2), today.minusDays(1), today)) {
                for (Round round : rounds(grid, date)) {
                    PatrolRoundPoint p = judged.get(round.key());
                    if (p != null && p.flagged() && round.startAt().toEpochMilli() >= sinceMillis) {
                        out.add(round);
                    }
                }
            }
        }
        return out;
    }

    /** Whether the town's duty room was told of this round. */
    public synchronized boolean flagged(Round round) {
        PatrolRoundPoint p = judged.get(round.key());
        return p != null && p.flagged();
    }

    /** What a person files from the patrol page. */
    public record Filing(
            String grid,
            String category,
            String text,
            double lat,
            double lon,
            double accuracy,
            long clientTime,
            byte[] photo) {}

    /**
     * A grid officer's finding or an information officer's early report (the kind follows from who
     * files it), placed in the village where the phone was (else the grid's); its photo is kept
     * first, so a stored finding never names a photo that is not there.
     *
     * @throws Refused not a grid of theirs (404), past the day's findings (409)
     */
    public PatrolFindingPoint file(Staff by, Filing f) {
        PatrolSettings.Grid grid = settings.grid(f.grid())
                .filter(g -> g.hasInTheField(by.name()))
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "refused.patrol.no-grid", "grid", f.grid()));
        if (!CATEGORIES.contains(f.category())) {
            throw new io.envwatch.district.InvalidField(
                    "category",
                    "error.patrol.category",
                    "known",
                    String.join(", ", new java.util.TreeSet<>(CATEGORIES)));
        }
        reserveFiling(by);
        String photo;
        try {
            photo = f.photo() == null ? null : photos.store(f.photo());
        } catch (RuntimeException refusedOrNotKept) {
            // A photo refused, or the volume failing, costs the person none of the day's findings.
            releaseFiling(by);
            throw refusedOrNotKept;
        }
        // Each finding its own millisecond: two filed at once with the same tags would be one point.
        long now = uniqueMillis(clock.millis());
        String village = registry.villageAt(grid.town(), f.lat(), f.lon())
                .map(Village::id)
                .orElse(grid.village());
        PatrolFindingPoint p = new PatrolFindingPoint(
                "F-" + Long.toString(now, 36).toUpperCase(Locale.ROOT),
                by.role() == Role.INFORMATION_OFFICER ? "early-report" : "finding",
                grid.town(),
                village,
                grid.id(),
                f.category(),
                by.name(),
                f.text(),
                f.lat(),
                f.lon(),
                f.accuracy(),
                f.clientTime(),
                photo,
                now * 1_000_000L);
        writes.write(p.toLine());
        return p;
    }

    private synchronized void reserveFiling(Staff by) {
        LocalDate today = today();
        if (!today.equals(countingDay)) {
            filedToday.clear();
            countingDay = today;
        }
        int filed = filedToday.merge(by.name(), 1, Integer::sum);
        if (filed > FINDINGS_PER_DAY) {
            filedToday.merge(by.name(), -1, Integer::sum);
            throw new Refused(Refused.Reason.NOT_NOW, "refused.patrol.too-many", "max", FINDINGS_PER_DAY);
        }
    }

    private synchronized void releaseFiling(Staff by) {
        filedToday.merge(by.name(), -1, Integer::sum);
    }

    private long lastId;

    /**
     * A millisecond no finding of this run had: ids (F- and it in base 36) order as filed and never
     * repeat, and no point overwrites another.
     */
    private synchronized long uniqueMillis(long now) {
        lastId = Math.max(now, lastId + 1);
        return lastId;
    }

    /** The findings and early reports filed from {@code from} to {@code to} in the grids given, newest first. */
    public List<PatrolFindingPoint> findings(Instant from, Instant to, List<PatrolSettings.Grid> grids, int limit) {
        if (grids.isEmpty()) {
            return List.of();
        }
        String inGrids = String.join(
                " OR ",
                grids.stream().map(g -> PatrolFindingPoint.GRID.is(g.id())).toList());
        List<PatrolFindingPoint> out = new ArrayList<>();
        for (Row row : reads.rows(InfluxQl.selectAll(PatrolFindingPoint.MEASUREMENT) + " WHERE (" + inGrids
                + ") AND time >= " + InfluxQl.literal(from) + " AND time < " + InfluxQl.literal(to)
                + " ORDER BY time DESC LIMIT " + limit)) {
            out.add(PatrolFindingPoint.fromRow(row));
        }
        return out;
    }

    /** One finding by id, whatever its time; empty when there is none. */
    public Optional<PatrolFindingPoint> finding(String id) {
        if (!id.matches("F-[0-9A-Z]{1,16}")) {
            return Optional.empty();
        }
        return reads
                .rows(InfluxQl.selectAll(PatrolFindingPoint.MEASUREMENT) + " WHERE " + PatrolFindingPoint.ID.quoted()
                        + " = " + InfluxQl.literal(id))
                .stream()
                .findFirst()
                .map(PatrolFindingPoint::fromRow);
    }
}
