package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;

/**
 * Special supervision (专项督办) of a village or community, one point per event: a month checked
 * against the rule (with whether it held and why), entering supervision, an interview (约谈) of its
 * leaders, release. The duty service rebuilds the supervision list from these.
 */
public record SupervisionEventPoint(
        String village,
        String action,
        String month,
        long triggered,
        String reasons,
        String by,
        String interviewee,
        String findings,
        String commitments,
        String nextCheck,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "supervision_event",
            Measurement.Writer.DUTY_SERVICE,
            "special supervision of a village: checks, entry, interviews, release",
            "when it happened (a check: when it was made)",
            Precision.NS,
            "all of it: the duty service rebuilds the supervision list from these");
    public static final Column VILLAGE = MEASUREMENT.tag("village", "the registry village or community");
    public static final Column ACTION = MEASUREMENT.tag("action", "checked, entered, interviewed or released");
    public static final Column MONTH =
            MEASUREMENT.text("month", "the month checked (yyyy-MM), for checks, entry and release");
    public static final Column TRIGGERED =
            MEASUREMENT.field("triggered", INTEGER, "", "1 when the rule held for the month checked");
    public static final Column REASONS = MEASUREMENT.text("reasons", "why the rule held, semicolon-separated");
    public static final Column BY = MEASUREMENT.text("by", "the staff name, or envwatch for the monthly check");
    public static final Column INTERVIEWEE =
            MEASUREMENT.text("interviewee", "who was interviewed (a role, e.g. the village head)");
    public static final Column FINDINGS = MEASUREMENT.text("findings", "what the interview found");
    public static final Column COMMITMENTS = MEASUREMENT.text("commitments", "what the village's leaders committed to");
    public static final Column NEXT_CHECK = MEASUREMENT.text("next_check", "the date of the next check, yyyy-MM-dd");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(VILLAGE, village)
                .tag(ACTION, action)
                .optional(MONTH, month)
                .field(TRIGGERED, triggered)
                .optional(REASONS, reasons)
                .field(BY, by)
                .optional(INTERVIEWEE, interviewee)
                .optional(FINDINGS, findings)
                .optional(COMMITMENTS, commitments)
                .optional(NEXT_CHECK, nextCheck)
                .toLine();
    }

    public static SupervisionEventPoint fromRow(Row row) {
        Instant time = row.time();
        return new SupervisionEventPoint(
                row.text(VILLAGE),
                row.text(ACTION),
                row.text(MONTH),
                row.integer(TRIGGERED, 0),
                row.text(REASONS),
                row.text(BY),
                row.text(INTERVIEWEE),
                row.text(FINDINGS),
                row.text(COMMITMENTS),
                row.text(NEXT_CHECK),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
