package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.List;

/** A persistent exceedance: one point at its start, overwritten by every update. */
public record IncidentPoint(
        String site,
        String town,
        String team,
        String rule,
        String id,
        String state,
        String quantity,
        String unit,
        long end,
        double peak,
        double latest,
        double limit,
        String period,
        String severity,
        List<String> buildings,
        double nearestBuildingMetres,
        List<String> evidence,
        List<String> complaints,
        String village,
        long start) {
    public static final Measurement MEASUREMENT = new Measurement(
            "incident", Measurement.Writer.JOB, "a persistent exceedance", "its start", Precision.MS, Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column TEAM = MEASUREMENT.tag("team", "the town's team");
    public static final Column VILLAGE =
            MEASUREMENT.tag("village", "the registry village or community the site lies in, or none");
    public static final Column RULE =
            MEASUREMENT.tag("rule", "noise-laeq-1m, noise-night-max, odour-h2s, tp-mean, ..., no-data");
    public static final Column ID = MEASUREMENT.text("id", "{site}:{rule}:{start}");
    public static final Column STATE = MEASUREMENT.text("state", "open, closed or closed-no-data");
    public static final Column QUANTITY = MEASUREMENT.text("quantity", "the quantity judged");
    public static final Column UNIT = MEASUREMENT.text("unit", "its canonical unit");
    public static final Column END =
            MEASUREMENT.field("end", INTEGER, "epoch ms", "the last interval considered, or the end");
    public static final Column PEAK = MEASUREMENT.field("peak", FLOAT, "the quantity's unit", "highest value");
    public static final Column LATEST = MEASUREMENT.field("latest", FLOAT, "the quantity's unit", "latest value");
    public static final Column LIMIT =
            MEASUREMENT.field("limit", FLOAT, "the quantity's unit", "the limit that applied");
    public static final Column PERIOD = MEASUREMENT.text("period", "day or night");
    public static final Column SEVERITY = MEASUREMENT.text("severity", "LOW .. CRITICAL");
    public static final Column BUILDINGS =
            MEASUREMENT.text("buildings", "residential buildings in range, id@metres, nearest first");
    public static final Column NEAREST_BUILDING_M = MEASUREMENT.field("nearest_building_m", FLOAT, "m", "-1 when none");
    public static final Column EVIDENCE = MEASUREMENT.text("evidence", "the last 30 exceeded intervals, start:value");
    public static final Column COMPLAINTS = MEASUREMENT.text("complaints", "ids of the complaints it corroborated");

    /** An incident of a site in no village (as points before villages were). */
    public IncidentPoint(
            String site,
            String town,
            String team,
            String rule,
            String id,
            String state,
            String quantity,
            String unit,
            long end,
            double peak,
            double latest,
            double limit,
            String period,
            String severity,
            List<String> buildings,
            double nearestBuildingMetres,
            List<String> evidence,
            List<String> complaints,
            long start) {
        this(
                site,
                town,
                team,
                rule,
                id,
                state,
                quantity,
                unit,
                end,
                peak,
                latest,
                limit,
                period,
                severity,
                buildings,
                nearestBuildingMetres,
                evidence,
                complaints,
                null,
                start);
    }

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(start))
                .tag(SITE, site)
                .tag(TOWN, town)
                .tag(TEAM, team)
                .tag(RULE, rule)
                .tag(VILLAGE, village == null ? "none" : village)
                .field(ID, id)
                .field(STATE, state)
                .field(QUANTITY, quantity)
                .field(UNIT, unit)
                .field(END, end)
                .field(PEAK, peak)
                .field(LATEST, latest)
                .field(LIMIT, limit)
                .field(PERIOD, period)
                .field(SEVERITY, severity)
                .field(BUILDINGS, buildings, ",")
                .field(NEAREST_BUILDING_M, nearestBuildingMetres)
                .field(EVIDENCE, evidence, ",")
                .field(COMPLAINTS, complaints, ",")
                .toLine();
    }
}
