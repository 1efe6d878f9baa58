package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

/**
 * The outcome of one notification to one audience on one channel: of an alert event, or of a
 * ledger case's escalation (the case's id in {@code alert}).
 */
public record AlertDeliveryPoint(
        String channel,
        String status,
        String alert,
        String event,
        String delivery,
        String audience,
        long attempts,
        String error,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "alert_delivery",
            Measurement.Writer.DUTY_SERVICE,
            "one notification outcome",
            "when the outcome was known",
            Precision.NS,
            Retention.DAYS);
    public static final Column CHANNEL = MEASUREMENT.tag("channel", "webhook, sms, ... as configured");
    public static final Column STATUS = MEASUREMENT.tag("status", "delivered or failed");
    public static final Column ALERT = MEASUREMENT.text("alert", "the alert id, or the case id of a case escalation");
    public static final Column EVENT =
            MEASUREMENT.text("event", "the event notified: alert.opened, alert.escalated, case.escalated, ...");
    public static final Column DELIVERY =
            MEASUREMENT.text("delivery", "the delivery id, stable across retries and restarts");
    public static final Column AUDIENCE = MEASUREMENT.text("audience", "who was told");
    public static final Column ATTEMPTS = MEASUREMENT.field("attempts", INTEGER, "", "attempts made");
    public static final Column ERROR = MEASUREMENT.text("error", "the last error, or empty");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(CHANNEL, channel)
                .tag(STATUS, status)
                .field(ALERT, alert)
                .field(EVENT, event)
                .field(DELIVERY, delivery)
                .field(AUDIENCE, audience)
                .field(ATTEMPTS, attempts)
                .field(ERROR, error)
                .toLine();
    }
}
