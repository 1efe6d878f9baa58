package io.envwatch.alerting.places;

import io.envwatch.alerting.cases.Case;
import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Village;
import io.envwatch.district.schema.AlertStatePoint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A month's figures per village or community (属地): complaints made there, corroborated and
 * escalated ones, incidents that began there, ledger cases about its sources opened and closed out,
 * and the duty room's response to the alerts of its sites (on scene within the deadline, minutes
 * from acknowledging to on scene); most complaints first. Complaints and incidents as the job placed them (tag {@code village}),
 * cases by their source's place. Blocking (InfluxQL): call it from a worker.
 */
public final class VillageFigures {
    /** One village's month. */
    public record Figures(
            Village village,
            long complaints,
            long corroborated,
            long escalated,
            long incidents,
            long casesOpened,
            long casesClosed,
            Response response) {}

    /**
     * The duty room's response to the alerts of a village's sites opened in the period: how many
     * were judged (on scene, or past the deadline), how many of those in time, and the mean minutes
     * from acknowledging to on scene of those that got there.
     */
    public record Response(long judged, long inTime, long reached, double minutesToScene) {
        static final Response NONE = new Response(0, 0, 0, 0);

        Response plus(long judged, long inTime, long reached, double minutes) {
            long all = this.reached + reached;
            double mean = all == 0 ? 0 : (this.minutesToScene * this.reached + minutes * reached) / all;
            return new Response(this.judged + judged, this.inTime + inTime, all, mean);
        }

        /** The share on scene in time, in percent; null when none was judged. */
        public Double inTimePercent() {
            return judged == 0 ? null : 100.0 * inTime / judged;
        }
    }

    private final Registry registry;
    private final InfluxQlRows reads;
    private final CaseBook cases;
    private final ZoneId zone;

    public VillageFigures(Registry registry, InfluxQlRows reads, CaseBook cases) {
        this.registry = registry;
        this.reads = reads;
        this.cases = cases;
        this.zone = registry.localTime().zoneId();
    }

    /** The month's figures of the villages of the towns given, most complaints first. */
    public List<Figures> month(YearMonth month, Predicate<String> town) {
        return period(month.atDay(1), month.plusMonths(1).atDay(1), town);
    }

    /** The figures of the local days [first, end) of the villages of the towns given, most complaints first. */
    public List<Figures> period(java.time.LocalDate first, java.time.LocalDate end, Predicate<String> town) {
        long from = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = end.atStartOfDay(zone).toInstant().toEpochMilli();
        String period = " WHERE time >= " + InfluxQl.literal(Instant.ofEpochMilli(from)) + " AND time < "
                + InfluxQl.literal(Instant.ofEpochMilli(to));
        Map<String, Row> complaints = byVillage(
                "SELECT count(" + ComplaintPoint.ID.quoted() + ") AS " + ComplaintPoint.ID.quoted() + ", sum("
                        + ComplaintPoint.CORROBORATED.quoted() + ") AS " + ComplaintPoint.CORROBORATED.quoted()
                        + ", sum(" + ComplaintPoint.ESCALATED.quoted() + ") AS " + ComplaintPoint.ESCALATED.quoted()
                        + " FROM " + ComplaintPoint.MEASUREMENT.quoted() + period + " GROUP BY "
                        + ComplaintPoint.VILLAGE.quoted(),
                ComplaintPoint.VILLAGE.name());
        Map<String, Row> incidents = byVillage(
                "SELECT count(" + IncidentPoint.ID.quoted() + ") AS " + IncidentPoint.ID.quoted() + " FROM "
                        + IncidentPoint.MEASUREMENT.quoted() + period + " GROUP BY " + IncidentPoint.VILLAGE.quoted(),
                IncidentPoint.VILLAGE.name());
        Map<String, Response> responses = new HashMap<>();
        for (Row row : reads.rows("SELECT count(" + AlertStatePoint.ON_SCENE_IN_TIME.quoted() + ") AS judged, sum("
                + AlertStatePoint.ON_SCENE_IN_TIME.quoted() + ") AS in_time, count("
                + AlertStatePoint.MINUTES_TO_SCENE.quoted() + ") AS reached, mean("
                + AlertStatePoint.MINUTES_TO_SCENE.quoted() + ") AS minutes FROM "
                + AlertStatePoint.MEASUREMENT.quoted() + period + " GROUP BY " + AlertStatePoint.SITE.quoted())) {
            Object site = row.values().get(AlertStatePoint.SITE.name());
            if (site == null) {
                continue;
            }
            registry.villageOf(site.toString())
                    .ifPresent(v -> responses.merge(
                            v.id(),
                            Response.NONE.plus(
                                    number(row, "judged"),
                                    number(row, "in_time"),
                                    number(row, "reached"),
                                    mean(row, "minutes")),
                            (a, b) -> a.plus(b.judged(), b.inTime(), b.reached(), b.minutesToScene())));
        }
        Map<String, long[]> caseCounts = new HashMap<>();
        for (Case c : cases.find(c -> true)) {
            registry.villageOf(c.source()).ifPresent(v -> {
                long[] n = caseCounts.computeIfAbsent(v.id(), id -> new long[2]);
                if (c.openedAt() >= from && c.openedAt() < to) {
                    n[0]++;
                }
                if (c.state().isClosed() && c.closedAt() >= from && c.closedAt() < to) {
                    n[1]++;
                }
            });
        }
        List<Figures> out = new ArrayList<>();
        for (Village v : registry.villages()) {
            if (!town.test(v.town())) {
                continue;
            }
            Row complained = complaints.get(v.id());
            Row incident = incidents.get(v.id());
            long[] n = caseCounts.getOrDefault(v.id(), new long[2]);
            out.add(new Figures(
                    v,
                    complained == null ? 0 : complained.integer(ComplaintPoint.ID, 0),
                    complained == null ? 0 : complained.integer(ComplaintPoint.CORROBORATED, 0),
                    complained == null ? 0 : complained.integer(ComplaintPoint.ESCALATED, 0),
                    incident == null ? 0 : incident.integer(IncidentPoint.ID, 0),
                    n[0],
                    n[1],
                    responses.getOrDefault(v.id(), Response.NONE)));
        }
        out.sort(Comparator.comparingLong(Figures::complaints)
                .reversed()
                .thenComparing(f -> f.village().id()));
        return out;
    }

    private static long number(Row row, String column) {
        Object v = row.values().get(column);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static double mean(Row row, String column) {
        Object v = row.values().get(column);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    private Map<String, Row> byVillage(String influxQl, String tag) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : reads.rows(influxQl)) {
            Object village = row.values().get(tag);
            if (village != null) {
                rows.put(village.toString(), row);
            }
        }
        return rows;
    }
}
