package io.envwatch.ingest.mqtt.source;

import java.io.Serializable;

/** One MQTT message as the job sees it. A Flink POJO. */
public class MqttPayload implements Serializable {
    public String topic;
    public byte[] payload;
    /** When the source took the message from the broker, epoch ms. */
    public long receivedAt;

    public MqttPayload() {}

    public MqttPayload(String topic, byte[] payload, long receivedAt) {
        this.topic = topic;
        this.payload = payload;
        this.receivedAt = receivedAt;
    }
}
