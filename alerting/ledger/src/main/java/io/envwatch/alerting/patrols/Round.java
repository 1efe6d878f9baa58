package io.envwatch.alerting.patrols;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scheduled round of a grid: its start on the district's clock, the time by which every point
 * must be checked in ({@code due}), and the next round's start, up to which a check-in still
 * counts for it (late). {@code visits} holds each point's first check-in in the round.
 */
public record Round(
        PatrolSettings.Grid grid,
        LocalDate date,
        LocalTime start,
        Instant startAt,
        Instant dueAt,
        Instant nextStartAt,
        Map<String, Long> visits) {

    /** What became of a round, as of a time. */
    public enum Status {
        /** Not started. */
        UPCOMING,
        /** Started, points unvisited, still in time. */
        UNDER_WAY,
        /** Every point checked in by the due time. */
        DONE,
        /** Every point checked in, the last after the due time. */
        LATE,
        /** The due time passed with points unvisited: the town's duty room is told. */
        MISSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The grid's rounds on a local date, each with the check-ins (epoch ms by point) that fall in it. */
    public static List<Round> of(PatrolSettings.Grid grid, LocalDate date, ZoneId zone, List<CheckIn> checkIns) {
        List<LocalTime> starts = grid.rounds();
        return java.util.stream.IntStream.range(0, starts.size())
                .mapToObj(i -> {
                    Instant start = date.atTime(starts.get(i)).atZone(zone).toInstant();
                    Instant next = i + 1 < starts.size()
                            ? date.atTime(starts.get(i + 1)).atZone(zone).toInstant()
                            : date.plusDays(1)
                                    .atTime(starts.get(0))
                                    .atZone(zone)
                                    .toInstant();
                    Map<String, Long> visits = new LinkedHashMap<>();
                    for (CheckIn c : checkIns) {
                        if (c.grid().equals(grid.id())
                                && c.at() >= start.toEpochMilli()
                                && c.at() < next.toEpochMilli()) {
                            visits.merge(c.point(), c.at(), Math::min);
                        }
                    }
                    return new Round(
                            grid,
                            date,
                            starts.get(i),
                            start,
                            start.plus(grid.roundTakes()),
                            next,
                            Collections.unmodifiableMap(visits));
                })
                .toList();
    }

    /** A check-in as the rounds count it. */
    public record CheckIn(String grid, String point, long at) {}

    public boolean complete() {
        return grid.points().stream().allMatch(p -> visits.containsKey(p.id()));
    }

    /** The last point's check-in once every point is checked in, else 0. */
    public long completedAt() {
        return complete()
                ? visits.values().stream().mapToLong(Long::longValue).max().orElse(0)
                : 0;
    }

    public List<String> unvisited() {
        return grid.points().stream()
                .map(PatrolSettings.Point::id)
                .filter(id -> !visits.containsKey(id))
                .toList();
    }

    public Status status(long now) {
        if (now < startAt.toEpochMilli()) {
            return Status.UPCOMING;
        }
        if (complete()) {
            return completedAt() <= dueAt.toEpochMilli() ? Status.DONE : Status.LATE;
        }
        return now < dueAt.toEpochMilli() ? Status.UNDER_WAY : Status.MISSED;
    }

    /** Whether check-ins may still change it: until the next round starts. */
    public boolean open(long now) {
        return now < nextStartAt.toEpochMilli();
    }

    /** The round's key: its grid and its start. */
    public String key() {
        return grid.id() + "@" + startAt.toEpochMilli();
    }
}
