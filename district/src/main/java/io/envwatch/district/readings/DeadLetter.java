package io.envwatch.district.readings;

import java.nio.charset.StandardCharsets;

/**
 * A refused message or reading, kept with its reason so nothing disappears silently. {@code index}
 * is the reading's position in its batch, or -1 when the whole message was refused.
 *
 * <p>Every text field is bounded here, whatever built it: the texts come from the gateway, and a
 * dead letter larger than the sink takes would fail the job on every replay of its message.
 */
public class DeadLetter {
    public static final int MAX_ID_CHARS = 128;
    public static final int MAX_TOPIC_CHARS = 256;
    public static final int MAX_TEXT_CHARS = 512;

    public String reason;
    public String detail;
    public String topic;
    public String gateway;
    public String sensor;
    public int index;
    /** The refused text, cut to {@link #MAX_TEXT_CHARS}. */
    public String raw;

    public long receivedAt;

    public DeadLetter() {}

    public DeadLetter(
            RejectReason reason,
            String detail,
            String topic,
            String gateway,
            String sensor,
            int index,
            String raw,
            long receivedAt) {
        this.reason = reason.name();
        this.detail = bounded(detail, MAX_TEXT_CHARS);
        this.topic = bounded(topic, MAX_TOPIC_CHARS);
        this.gateway = bounded(gateway, MAX_ID_CHARS);
        this.sensor = bounded(sensor, MAX_ID_CHARS);
        this.index = index;
        this.raw = bounded(raw, MAX_TEXT_CHARS);
        this.receivedAt = receivedAt;
    }

    /**
     * The start of a refused message's bytes as text: its first {@link #MAX_TEXT_CHARS} characters,
     * decoding no more than it takes (a refused message may be megabytes).
     */
    public static String rawOf(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, MAX_TEXT_CHARS * 4), StandardCharsets.UTF_8);
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS);
    }

    /** The text, or its first {@code max} characters with a marker naming the original length. */
    public static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut) + "...[cut, " + text.length() + " chars]";
    }

    @Override
    public String toString() {
        return reason + " (" + detail + ") on " + topic + (index >= 0 ? " reading " + index : "");
    }
}
