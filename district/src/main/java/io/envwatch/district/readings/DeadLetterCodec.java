package io.envwatch.district.readings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a sender refused before anything reached the broker, published (QoS 1) on
 * {@code envwatch/v1/rejected/{sender}} for the job to store beside its own dead letters: the HJ 212
 * gateway's broken packets, unknown devices and wrong passwords (docs/hj212.md). The sender is the
 * topic's (the broker's ACL lets a client write only its own); what it says is bounded as every dead
 * letter is, and a message that is no dead letter becomes one about itself.
 */
public final class DeadLetterCodec {
    public static final String TOPIC_PREFIX = "envwatch/v1/rejected/";
    /** Larger messages are refused whole: a dead letter keeps 512 characters of each text anyway. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DeadLetterCodec() {}

    public static String topicFor(String sender) {
        return TOPIC_PREFIX + sender;
    }

    public static boolean isRejectedTopic(String topic) {
        return topic != null && topic.startsWith(TOPIC_PREFIX);
    }

    /** The message for a refusal at {@code at} (epoch ms); {@code sensor} may be null. */
    public static byte[] encode(RejectReason reason, String detail, String sensor, String raw, long at) {
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", reason.name());
        o.put("detail", DeadLetter.bounded(detail, DeadLetter.MAX_TEXT_CHARS));
        if (sensor != null) {
            o.put("sensor", DeadLetter.bounded(sensor, DeadLetter.MAX_ID_CHARS));
        }
        if (raw != null) {
            o.put("raw", DeadLetter.bounded(raw, DeadLetter.MAX_TEXT_CHARS));
        }
        o.put("at", at);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a small tree in memory cannot fail", e);
        }
    }

    /**
     * The dead letter a sender published, stamped with its own time when it gave a plausible one;
     * else a dead letter saying why the message is none.
     *
     * @param now the receiving clock, epoch ms
     */
    public static DeadLetter decode(String topic, byte[] payload, long now) {
        String sender = isRejectedTopic(topic) ? topic.substring(TOPIC_PREFIX.length()) : null;
        if (sender == null || sender.isEmpty() || sender.contains("/")) {
            return new DeadLetter(
                    RejectReason.BAD_TOPIC,
                    "topic must be " + TOPIC_PREFIX + "{sender}",
                    topic,
                    null,
                    null,
                    -1,
                    DeadLetter.rawOf(payload),
                    now);
        }
        if (payload.length > MAX_BYTES) {
            return new DeadLetter(
                    RejectReason.OVERSIZE,
                    payload.length + " bytes exceeds the limit of " + MAX_BYTES,
                    topic,
                    sender,
                    null,
                    -1,
                    DeadLetter.rawOf(payload),
                    now);
        }
        JsonNode o;
        try {
            o = JSON.readTree(payload);
        } catch (IOException e) {
            o = null;
        }
        RejectReason reason = o == null ? null : reasonOf(o.path("reason").asText(""));
        if (reason == null || !o.path("detail").isTextual()) {
            return new DeadLetter(
                    RejectReason.INVALID_JSON,
                    "expected a dead letter: an object with a known reason and a detail",
                    topic,
                    sender,
                    null,
                    -1,
                    DeadLetter.rawOf(payload),
                    now);
        }
        long at = o.path("at").canConvertToLong() ? o.path("at").asLong() : now;
        boolean plausible =
                at >= ReadingCodec.EARLIEST_PLAUSIBLE && at <= now + ReadingCodec.DEFAULT_MAX_FUTURE_SKEW.toMillis();
        return new DeadLetter(
                reason,
                o.path("detail").asText(),
                topic,
                sender,
                o.path("sensor").isTextual() ? o.path("sensor").asText() : null,
                -1,
                o.path("raw").isTextual() ? o.path("raw").asText() : null,
                plausible ? at : now);
    }

    private static RejectReason reasonOf(String name) {
        try {
            return RejectReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
