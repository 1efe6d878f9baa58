package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/**
 * A tip as it stands, for the boards: counts and rates only, no text, no findings. One point per tip
 * at its receipt, overwritten after every change.
 */
public record TipStatePoint(
        String town,
        String tipClass,
        String tip,
        String state,
        boolean closed,
        boolean substantiated,
        double reward,
        long daysToPayout,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tip_state",
            Measurement.Writer.DUTY_SERVICE,
            "a tip as it stands: counts and rates only",
            "the tip's receipt",
            Precision.NS,
            Retention.YEAR);
    public static final Column TOWN = MEASUREMENT.tag("town", "the town the tip names");
    public static final Column CLASS = MEASUREMENT.tag("class", "the violation class");
    public static final Column TIP = MEASUREMENT.text("tip", "the tip id");
    public static final Column STATE = MEASUREMENT.text("state", "received .. paid");
    public static final Column CLOSED = MEASUREMENT.field("closed", INTEGER, "", "1 once verified either way");
    public static final Column SUBSTANTIATED = MEASUREMENT.field(
            "substantiated", INTEGER, "", "1 when substantiated: sum / sum(closed) is the verification rate");
    public static final Column REWARD = MEASUREMENT.field("reward", FLOAT, "yuan", "the reward decided, 0 when none");
    public static final Column DAYS_TO_PAYOUT = MEASUREMENT.field("days_to_payout", INTEGER, "d", "-1 until paid");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(CLASS, tipClass)
                .field(TIP, tip)
                .field(STATE, state)
                .field(CLOSED, closed ? 1L : 0L)
                .field(SUBSTANTIATED, substantiated ? 1L : 0L)
                .field(REWARD, reward)
                .field(DAYS_TO_PAYOUT, daysToPayout)
                .toLine();
    }
}
