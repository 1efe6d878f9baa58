package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.Objects;

/** A refused message or reading, with why. */
public record DeadLetterPoint(
        String reason,
        String gateway,
        String detail,
        String topic,
        String sensor,
        int index,
        String raw,
        long receivedAt) {
    public static final Measurement MEASUREMENT = new Measurement(
            "dead_letter",
            Measurement.Writer.JOB,
            "a refused message or reading",
            "when it was received",
            Precision.MS_SUB,
            Retention.DAYS);
    public static final Column REASON = MEASUREMENT.tag("reason", "why it was refused (docs/mqtt-readings.md)");
    public static final Column GATEWAY = MEASUREMENT.tag("gateway", "from the topic, or unknown");
    public static final Column DETAIL = MEASUREMENT.text("detail", "the reason as a person reads it");
    public static final Column TOPIC = MEASUREMENT.text("topic", "the MQTT topic");
    public static final Column SENSOR = MEASUREMENT.text("sensor", "empty for a whole-message refusal");
    public static final Column INDEX =
            MEASUREMENT.field("index", INTEGER, "", "position in the batch, -1 for the whole message");
    public static final Column RAW = MEASUREMENT.text("raw", "the refused text, first 512 characters");

    /**
     * Letters of one gateway and reason in the same millisecond would share a timestamp, so the
     * sub-millisecond part is taken from the letter's content and position.
     */
    public String toLine() {
        long nanos = Math.floorMod(Objects.hash(topic, index, raw, detail), 1_000_000);
        return MEASUREMENT
                .line(Precision.nanos(receivedAt) + nanos)
                .tag(REASON, reason)
                .tagOrUnknown(GATEWAY, gateway)
                .field(DETAIL, detail)
                .field(TOPIC, topic)
                .field(SENSOR, sensor)
                .field(INDEX, index)
                .field(RAW, raw)
                .toLine();
    }
}
