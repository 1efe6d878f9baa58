package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/**
 * A campaign's progress against one target in one town, as last computed: the baseline's figure
 * beside the current one. One point per campaign, town and target, overwritten.
 */
public record CampaignProgressPoint(
        String campaign,
        String town,
        String target,
        long baseline,
        long current,
        double changePercent,
        double targetPercent,
        boolean met,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "campaign_progress",
            Measurement.Writer.DUTY_SERVICE,
            "a campaign's progress per town and target",
            "the campaign's start",
            Precision.NS,
            Retention.YEAR);
    public static final Column CAMPAIGN = MEASUREMENT.tag("campaign", "the campaign id");
    public static final Column TOWN = MEASUREMENT.tag("town", "a town in scope");
    public static final Column TARGET = MEASUREMENT.tag("target", "complaints or escalated");
    public static final Column BASELINE =
            MEASUREMENT.field("baseline", INTEGER, "", "the baseline's count, over the same share of its period");
    public static final Column CURRENT = MEASUREMENT.field("current", INTEGER, "", "the count so far");
    public static final Column CHANGE =
            MEASUREMENT.field("change", FLOAT, "%", "current against baseline; absent when the baseline is 0");
    public static final Column GOAL = MEASUREMENT.field("goal", FLOAT, "%", "the target change");
    public static final Column MET = MEASUREMENT.field("met", INTEGER, "", "1 when the change reaches the goal");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(CAMPAIGN, campaign)
                .tag(TOWN, town)
                .tag(TARGET, target)
                .field(BASELINE, baseline)
                .field(CURRENT, current)
                .finite(CHANGE, changePercent)
                .field(GOAL, targetPercent)
                .field(MET, met ? 1L : 0L)
                .toLine();
    }
}
