package io.envwatch.ingest.mqtt.source.reader;

import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a received message as the job's {@link MqttPayload} and marks it emitted, so that the next
 * checkpoint's snapshot covers it and its acknowledgement waits for that checkpoint. A resent copy
 * of a message already read is not emitted again ({@link MqttSessions#admit}).
 */
final class MqttRecordEmitter implements RecordEmitter<MqttDelivery, MqttPayload, MqttSplit> {
    private final MqttSessions sessions;

    MqttRecordEmitter(MqttSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void emitRecord(MqttDelivery delivery, SourceOutput<MqttPayload> output, MqttSplit split) {
        if (!sessions.admit(delivery)) {
            return;
        }
        output.collect(new MqttPayload(delivery.topic(), delivery.payload(), delivery.receivedAt()));
        sessions.emitted(delivery);
    }
}
