package io.envwatch.ingest.readings;

/**
 * A refused message or reading, kept with its reason so nothing disappears silently. {@code index}
 * is the reading's position in its batch, or -1 when the whole message was refused.
 */
public class DeadLetter {
    public String reason;
    public String detail;
    public String topic;
    public String gateway;
    public String sensor;
    public int index;
    /** The refused text, cut to {@link ReadingCodec#RAW_EXCERPT_CHARS}. */
    public String raw;
    public long receivedAt;

    public DeadLetter() {}

    public DeadLetter(RejectReason reason, String detail, String topic, String gateway, String sensor, int index,
            String raw, long receivedAt) {
        this.reason = reason.name();
        this.detail = detail;
        this.topic = topic;
        this.gateway = gateway;
        this.sensor = sensor;
        this.index = index;
        this.raw = raw;
        this.receivedAt = receivedAt;
    }

    @Override
    public String toString() {
        return reason + " (" + detail + ") on " + topic + (index >= 0 ? " reading " + index : "");
    }
}
