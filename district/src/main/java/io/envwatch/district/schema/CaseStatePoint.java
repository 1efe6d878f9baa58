package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

/**
 * A ledger case as it stands, for the boards: one point per case at its opening, overwritten after
 * every event (as {@link AlertStatePoint} is for alerts).
 */
public record CaseStatePoint(
        String town,
        String industry,
        String state,
        String caseId,
        String source,
        String cause,
        String owner,
        String ownerLevel,
        long households,
        long deadline,
        boolean reviewOverdue,
        boolean active,
        long openedAt,
        String village,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "case_state",
            Measurement.Writer.DUTY_SERVICE,
            "a ledger case as it stands",
            "the case's first event",
            Precision.NS,
            "400 days: boards compare a month with the same month a year earlier");
    public static final Column TOWN = MEASUREMENT.tag("town", "the case's town");
    public static final Column INDUSTRY =
            MEASUREMENT.tag("industry", "the registry industry of its source site, or none");
    public static final Column VILLAGE = MEASUREMENT.tag(
            "village", "the registry village or community its source (site or building) lies in, or none");
    public static final Column STATE = MEASUREMENT.text(
            "state", "open, rectifying, verifying or closed-out (a field: the point is overwritten as it changes)");
    public static final Column CASE = MEASUREMENT.text("case", "the case id");
    public static final Column SOURCE = MEASUREMENT.text("source", "a registry site id, or a place");
    public static final Column CAUSE = MEASUREMENT.text("cause", "what the problem is, in a line");
    public static final Column OWNER = MEASUREMENT.text("owner", "the leader who owns the case");
    public static final Column OWNER_LEVEL =
            MEASUREMENT.text("owner_level", "city-leader, branch-chief or section-chief");
    public static final Column HOUSEHOLDS = MEASUREMENT.field("households", INTEGER, "", "households affected");
    public static final Column DEADLINE =
            MEASUREMENT.field("deadline", INTEGER, "epoch ms", "rectification deadline, 0 when none");
    public static final Column REVIEW_OVERDUE =
            MEASUREMENT.field("review_overdue", INTEGER, "", "1 when a quarter ended without its review");
    public static final Column ACTIVE = MEASUREMENT.field("active", INTEGER, "", "1 until closed out");
    public static final Column OPENED_AT = MEASUREMENT.field("opened_at", INTEGER, "epoch ms", "when it was opened");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(INDUSTRY, industry == null || industry.isBlank() ? "none" : industry)
                .tag(VILLAGE, village == null ? "none" : village)
                .field(STATE, state)
                .field(CASE, caseId)
                .field(SOURCE, source)
                .field(CAUSE, cause)
                .field(OWNER, owner)
                .field(OWNER_LEVEL, ownerLevel)
                .field(HOUSEHOLDS, households)
                .field(DEADLINE, deadline)
                .field(REVIEW_OVERDUE, reviewOverdue ? 1L : 0L)
                .field(ACTIVE, active ? 1L : 0L)
                .field(OPENED_AT, openedAt)
                .toLine();
    }
}
