package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;
import java.util.List;

/**
 * Every change of a ledger case, one point per event; the cases as they stand are the fold of these
 * in time order, so this measurement must be kept whole. Fields a kind of event does not carry are
 * left out (read back as null, or 0 for numbers).
 */
public record CaseEventPoint(
        String town,
        String action,
        String caseId,
        String state,
        String actor,
        String source,
        String cause,
        long households,
        String unit,
        List<String> homes,
        String owner,
        String ownerLevel,
        String opinion,
        long deadline,
        String note,
        String findings,
        String nextSteps,
        String repeatCase,
        String escalatedTo,
        long people,
        List<String> keyPersons,
        String forecast,
        String patrolFinding,
        long patrolFindingAt,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "case_event",
            Measurement.Writer.DUTY_SERVICE,
            "every change of a ledger case",
            "when it happened",
            Precision.NS,
            "all of it: the duty service rebuilds its ledger from every event");
    public static final Column TOWN = MEASUREMENT.tag("town", "the case's town");
    public static final Column ACTION = MEASUREMENT.tag(
            "action", "opened, rectifying, verifying, closed-out, reopened, escalated, reviewed, linked, people");
    public static final Column CASE = MEASUREMENT.text("case", "the case id");
    public static final Column STATE =
            MEASUREMENT.text("state", "open, rectifying, verifying or closed-out, after the event");
    public static final Column ACTOR =
            MEASUREMENT.text("actor", "the staff name, or envwatch for the service's own events");
    public static final Column SOURCE =
            MEASUREMENT.text("source", "a registry site id, or a place (building id, road segment)");
    public static final Column CAUSE = MEASUREMENT.text("cause", "what the problem is, in a line");
    public static final Column HOUSEHOLDS = MEASUREMENT.field("households", INTEGER, "", "households affected");
    public static final Column UNIT = MEASUREMENT.text("unit", "the responsible unit (enterprise or road authority)");
    public static final Column HOMES = MEASUREMENT.text("homes", "registry buildings affected, comma-separated");
    public static final Column OWNER = MEASUREMENT.text("owner", "the leader who owns the case");
    public static final Column OWNER_LEVEL =
            MEASUREMENT.text("owner_level", "city-leader, branch-chief or section-chief");
    public static final Column OPINION = MEASUREMENT.text("opinion", "the rectification opinion");
    public static final Column DEADLINE =
            MEASUREMENT.field("deadline", INTEGER, "epoch ms", "the rectification deadline");
    public static final Column NOTE = MEASUREMENT.text("note", "a person's note");
    public static final Column FINDINGS = MEASUREMENT.text("findings", "a quarterly review's findings");
    public static final Column NEXT_STEPS = MEASUREMENT.text("next_steps", "a quarterly review's next steps");
    public static final Column REPEAT_CASE =
            MEASUREMENT.text("repeat_case", "the job's repeat case it grew from or took in");
    public static final Column ESCALATED_TO =
            MEASUREMENT.text("escalated_to", "the owner's superior, on an escalation");
    public static final Column PEOPLE =
            MEASUREMENT.field("people", INTEGER, "", "people involved, on an opening or a people update");
    public static final Column KEY_PERSONS = MEASUREMENT.text(
            "key_persons", "key persons as pseudonymous references (KP-...), comma-separated: never a name or contact");
    public static final Column FORECAST = MEASUREMENT.text("forecast", "how the case may develop, in a few lines");
    public static final Column PATROL_FINDING = MEASUREMENT.text(
            "patrol_finding", "a grid patrol's finding (F-...) the case opened from or took in as evidence");
    public static final Column PATROL_FINDING_AT =
            MEASUREMENT.field("patrol_finding_at", INTEGER, "epoch ms", "when that finding was filed");

    public String toLine() {
        Line line = MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(ACTION, action)
                .field(CASE, caseId)
                .field(STATE, state)
                .field(ACTOR, actor)
                .optional(SOURCE, source)
                .optional(CAUSE, cause)
                .optional(UNIT, unit)
                .optional(OWNER, owner)
                .optional(OWNER_LEVEL, ownerLevel)
                .optional(OPINION, opinion)
                .optional(NOTE, note)
                .optional(FINDINGS, findings)
                .optional(NEXT_STEPS, nextSteps)
                .optional(REPEAT_CASE, repeatCase)
                .optional(ESCALATED_TO, escalatedTo)
                .optional(FORECAST, forecast)
                .optional(PATROL_FINDING, patrolFinding);
        if (patrolFindingAt > 0) {
            line.field(PATROL_FINDING_AT, patrolFindingAt);
        }
        if (keyPersons != null && !keyPersons.isEmpty()) {
            line.field(KEY_PERSONS, keyPersons, ",");
        }
        if (people > 0) {
            line.field(PEOPLE, people);
        }
        if (homes != null && !homes.isEmpty()) {
            line.field(HOMES, homes, ",");
        }
        if (households > 0) {
            line.field(HOUSEHOLDS, households);
        }
        if (deadline > 0) {
            line.field(DEADLINE, deadline);
        }
        return line.toLine();
    }

    public static CaseEventPoint fromRow(Row row) {
        Instant time = row.time();
        return new CaseEventPoint(
                row.text(TOWN),
                row.text(ACTION),
                row.text(CASE),
                row.text(STATE),
                row.text(ACTOR),
                row.text(SOURCE),
                row.text(CAUSE),
                row.integer(HOUSEHOLDS, 0),
                row.text(UNIT),
                row.list(HOMES, ","),
                row.text(OWNER),
                row.text(OWNER_LEVEL),
                row.text(OPINION),
                row.integer(DEADLINE, 0),
                row.text(NOTE),
                row.text(FINDINGS),
                row.text(NEXT_STEPS),
                row.text(REPEAT_CASE),
                row.text(ESCALATED_TO),
                row.integer(PEOPLE, 0),
                row.list(KEY_PERSONS, ","),
                row.text(FORECAST),
                row.text(PATROL_FINDING),
                row.integer(PATROL_FINDING_AT, 0),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
