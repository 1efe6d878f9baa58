package io.envwatch.ingest.mqtt.source;

import io.envwatch.district.readings.Decoded;
import java.io.Serializable;

/** One MQTT message as the job sees it. A Flink POJO. */
public class MqttPayload implements Serializable {
    public String topic;
    public byte[] payload;
    /** When the source took the message from the broker, epoch ms. */
    public long receivedAt;
    /**
     * The message decoded, when the source's timestamp assigner already had to decode it to know
     * its event time: the decoding step chained after the source takes it from here instead of
     * decoding twice. Transient, so never serialised: a copy of the message decodes again.
     */
    public transient Decoded decoded;

    public MqttPayload() {}

    public MqttPayload(String topic, byte[] payload, long receivedAt) {
        this.topic = topic;
        this.payload = payload;
        this.receivedAt = receivedAt;
    }
}
