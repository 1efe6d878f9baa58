package io.envwatch.district.complaints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The complaint message the duty service publishes (QoS 1) on {@code envwatch/v1/complaints/{intake}}
 * and the job reads: the {@link Complaint} fields as JSON. Contacts are not part of it.
 */
public final class ComplaintCodec {
    public static final String TOPIC_PREFIX = "envwatch/v1/complaints/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ComplaintCodec() {}

    public static String topicFor(String intake) {
        return TOPIC_PREFIX + intake;
    }

    public static boolean isComplaintTopic(String topic) {
        return topic != null && topic.startsWith(TOPIC_PREFIX);
    }

    public static byte[] encode(Complaint complaint) {
        try {
            return JSON.writeValueAsBytes(complaint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The complaint, or empty if the message is not one (the caller dead-letters it). */
    public static Optional<Complaint> decode(byte[] payload) {
        try {
            Complaint c = JSON.readValue(payload, Complaint.class);
            return c.id == null || c.category == null || c.observedAt <= 0 ? Optional.empty() : Optional.of(c);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
