package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.List;

/**
 * A complaint and its outcome, written once its evidence window has closed. No contact: the intake
 * never passes it on.
 */
public record ComplaintPoint(
        String category,
        String town,
        String channel,
        String industry,
        boolean escalated,
        String id,
        double lat,
        double lon,
        String building,
        String externalRef,
        String description,
        long receivedAt,
        String outcome,
        boolean corroborated,
        String reason,
        List<String> evidence,
        List<String> exceededSites,
        String village,
        long observedAt) {
    public static final Measurement MEASUREMENT = new Measurement(
            "complaint",
            Measurement.Writer.JOB,
            "a complaint and its outcome",
            "when it was observed",
            Precision.MS_SUB,
            Retention.YEAR);
    public static final Column CATEGORY = MEASUREMENT.tag("category", "noise, odour, water, ...");
    public static final Column TOWN = MEASUREMENT.tag("town", "the town it was made in, or unknown");
    public static final Column CHANNEL = MEASUREMENT.tag("channel", "hotline, app, ..., or unknown");
    public static final Column VILLAGE = MEASUREMENT.tag(
            "village",
            "the registry village or community it was made in (by the building named, else its location), or none");
    public static final Column INDUSTRY =
            MEASUREMENT.tag("industry", "the registry industry of the site whose exceedance corroborated it, or none");
    public static final Column ESCALATED =
            MEASUREMENT.field("escalated", INTEGER, "", "1 when it came through a higher authority or an inspection");
    public static final Column ID = MEASUREMENT.text("id", "the complaint's id");
    public static final Column LAT = MEASUREMENT.field("lat", FLOAT, "degrees", "rounded to about 11 m");
    public static final Column LON = MEASUREMENT.field("lon", FLOAT, "degrees", "rounded to about 11 m");
    public static final Column BUILDING = MEASUREMENT.text("building", "the building named, or empty");
    public static final Column EXTERNAL_REF = MEASUREMENT.text("external_ref", "the hotline's reference, or empty");
    public static final Column DESCRIPTION =
            MEASUREMENT.text("description", "the complainant's words; never on public boards");
    public static final Column RECEIVED_AT = MEASUREMENT.field("received_at", INTEGER, "epoch ms", "when it was filed");
    public static final Column OUTCOME = MEASUREMENT.text("outcome", "corroborated, contradicted or not-corroborated");
    public static final Column CORROBORATED =
            MEASUREMENT.field("corroborated", INTEGER, "", "1 or 0, so that mean() is the corroboration rate");
    public static final Column REASON = MEASUREMENT.text("reason", "the outcome in words");
    public static final Column EVIDENCE =
            MEASUREMENT.text("evidence", "the verdicts that decided it, semicolon-separated");
    public static final Column EXCEEDED_SITES = MEASUREMENT.text(
            "exceeded_sites",
            "the sites whose exceedance corroborated it, comma-separated (what a ledger case's evidence period reads)");

    /** A complaint in no village (as points before villages were). */
    public ComplaintPoint(
            String category,
            String town,
            String channel,
            String industry,
            boolean escalated,
            String id,
            double lat,
            double lon,
            String building,
            String externalRef,
            String description,
            long receivedAt,
            String outcome,
            boolean corroborated,
            String reason,
            List<String> evidence,
            List<String> exceededSites,
            long observedAt) {
        this(
                category,
                town,
                channel,
                industry,
                escalated,
                id,
                lat,
                lon,
                building,
                externalRef,
                description,
                receivedAt,
                outcome,
                corroborated,
                reason,
                evidence,
                exceededSites,
                null,
                observedAt);
    }

    /** The sub-millisecond part comes from the id, so that two complaints in one millisecond stay two. */
    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(observedAt) + Math.floorMod(id.hashCode(), 1_000_000))
                .tagOrUnknown(CATEGORY, category)
                .tagOrUnknown(TOWN, town)
                .tagOrUnknown(CHANNEL, channel)
                .tag(INDUSTRY, industry == null || industry.isEmpty() ? "none" : industry)
                .tag(VILLAGE, village == null ? "none" : village)
                .field(ESCALATED, escalated ? 1L : 0L)
                .field(ID, id)
                .field(LAT, lat)
                .field(LON, lon)
                .field(BUILDING, building)
                .field(EXTERNAL_REF, externalRef)
                .field(DESCRIPTION, description)
                .field(RECEIVED_AT, receivedAt)
                .field(OUTCOME, outcome)
                .field(CORROBORATED, corroborated ? 1L : 0L)
                .field(REASON, reason)
                .field(EVIDENCE, evidence, "; ")
                .field(EXCEEDED_SITES, exceededSites, ",")
                .toLine();
    }
}
