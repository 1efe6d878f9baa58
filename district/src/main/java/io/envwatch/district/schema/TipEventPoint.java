package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

import java.time.Instant;

/**
 * Every change and every read of a rewarded anonymous tip, one point per event; the tips are the
 * fold of these, so the measurement is kept whole. The tip's text and the findings are stored
 * sealed (AES-GCM with the duty service's tip key): InfluxDB and whoever can query it hold no
 * readable tip. Only a salted hash of the claim code is kept, never the code.
 */
public record TipEventPoint(
        String town,
        String tipClass,
        String action,
        String tip,
        String state,
        String actor,
        String claimHash,
        String textSealed,
        String findingsSealed,
        double reward,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tip_event",
            Measurement.Writer.DUTY_SERVICE,
            "every change and every read of a rewarded tip",
            "when it happened",
            Precision.NS,
            "all of it: the duty service rebuilds its tips from every event, reads included (the audit)");
    public static final Column TOWN = MEASUREMENT.tag("town", "the town the tip names");
    public static final Column CLASS = MEASUREMENT.tag("class", "the violation class (settings)");
    public static final Column ACTION = MEASUREMENT.tag(
            "action", "received, investigating, substantiated, not-substantiated, reward-decided, claimed, paid, read");
    public static final Column TIP = MEASUREMENT.text("tip", "the tip id");
    public static final Column STATE = MEASUREMENT.text("state", "the tip's state after the event");
    public static final Column ACTOR = MEASUREMENT.text("actor", "the staff name; tipster for the tipster's own claim");
    public static final Column CLAIM_HASH =
            MEASUREMENT.text("claim_hash", "PBKDF2 salted hash of the claim code, on received");
    public static final Column TEXT_SEALED = MEASUREMENT.text("text_sealed", "the tip's text, sealed, on received");
    public static final Column FINDINGS_SEALED =
            MEASUREMENT.text("findings_sealed", "the investigation's findings, sealed");
    public static final Column REWARD = MEASUREMENT.field("reward", FLOAT, "yuan", "the reward decided");

    public String toLine() {
        Line line = MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(CLASS, tipClass)
                .tag(ACTION, action)
                .field(TIP, tip)
                .field(STATE, state)
                .field(ACTOR, actor)
                .optional(CLAIM_HASH, claimHash)
                .optional(TEXT_SEALED, textSealed)
                .optional(FINDINGS_SEALED, findingsSealed);
        if (reward > 0) {
            line.field(REWARD, reward);
        }
        return line.toLine();
    }

    public static TipEventPoint fromRow(Row row) {
        Instant time = row.time();
        return new TipEventPoint(
                row.text(TOWN),
                row.text(CLASS),
                row.text(ACTION),
                row.text(TIP),
                row.text(STATE),
                row.text(ACTOR),
                row.text(CLAIM_HASH),
                row.text(TEXT_SEALED),
                row.text(FINDINGS_SEALED),
                row.number(REWARD) == null ? 0 : row.number(REWARD),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
