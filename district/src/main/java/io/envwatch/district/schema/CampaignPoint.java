package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as defined: its scope (towns, complaint categories, industries), its period and the
 * baseline period it is measured against, its targets (percent change, e.g. -30) and the reward
 * multiplier for tips in its scope. One point per campaign; the duty service rebuilds them at start.
 */
public record CampaignPoint(
        String campaign,
        String name,
        List<String> towns,
        List<String> categories,
        List<String> industries,
        long start,
        long end,
        long baselineStart,
        long baselineEnd,
        double complaintsTarget,
        double escalatedTarget,
        double tipMultiplier,
        String definedBy,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "campaign",
            Measurement.Writer.DUTY_SERVICE,
            "a campaign with targets",
            "when it was defined",
            Precision.NS,
            "all of it: the duty service rebuilds its campaigns from these");
    public static final Column CAMPAIGN =
            MEASUREMENT.tag("campaign", "the campaign id (a tag: two defined in one instant stay two)");
    public static final Column NAME = MEASUREMENT.text("name", "what it is called");
    public static final Column TOWNS = MEASUREMENT.text("towns", "towns in scope, comma-separated");
    public static final Column CATEGORIES =
            MEASUREMENT.text("categories", "complaint categories in scope, comma-separated");
    public static final Column INDUSTRIES =
            MEASUREMENT.text("industries", "industries in scope, comma-separated; empty: all");
    public static final Column START = MEASUREMENT.field("start", INTEGER, "epoch ms", "the period's start");
    public static final Column END = MEASUREMENT.field("end", INTEGER, "epoch ms", "the period's end (exclusive)");
    public static final Column BASELINE_START =
            MEASUREMENT.field("baseline_start", INTEGER, "epoch ms", "the baseline's start");
    public static final Column BASELINE_END =
            MEASUREMENT.field("baseline_end", INTEGER, "epoch ms", "the baseline's end");
    public static final Column COMPLAINTS_TARGET =
            MEASUREMENT.field("complaints_target", FLOAT, "%", "change in complaints to reach, e.g. -30");
    public static final Column ESCALATED_TARGET =
            MEASUREMENT.field("escalated_target", FLOAT, "%", "change in escalated complaints to reach, e.g. -25");
    public static final Column TIP_MULTIPLIER =
            MEASUREMENT.field("tip_multiplier", FLOAT, "", "rewards of tips in scope x this");
    public static final Column DEFINED_BY = MEASUREMENT.text("defined_by", "the staff name");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(CAMPAIGN, campaign)
                .field(NAME, name)
                .field(TOWNS, towns, ",")
                .field(CATEGORIES, categories, ",")
                .field(INDUSTRIES, industries, ",")
                .field(START, start)
                .field(END, end)
                .field(BASELINE_START, baselineStart)
                .field(BASELINE_END, baselineEnd)
                .field(COMPLAINTS_TARGET, complaintsTarget)
                .field(ESCALATED_TARGET, escalatedTarget)
                .field(TIP_MULTIPLIER, tipMultiplier)
                .field(DEFINED_BY, definedBy)
                .toLine();
    }

    public static CampaignPoint fromRow(Row row) {
        Instant time = row.time();
        return new CampaignPoint(
                row.text(CAMPAIGN),
                row.text(NAME),
                row.list(TOWNS, ","),
                row.list(CATEGORIES, ","),
                row.list(INDUSTRIES, ","),
                row.integer(START, 0),
                row.integer(END, 0),
                row.integer(BASELINE_START, 0),
                row.integer(BASELINE_END, 0),
                row.numberOrNaN(COMPLAINTS_TARGET),
                row.numberOrNaN(ESCALATED_TARGET),
                row.numberOrNaN(TIP_MULTIPLIER),
                row.text(DEFINED_BY),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
