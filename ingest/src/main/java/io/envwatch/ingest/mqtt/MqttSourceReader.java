package io.envwatch.ingest.mqtt;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/** Emits MQTT messages and acknowledges them to the broker once a checkpoint covers them. */
final class MqttSourceReader extends SingleThreadMultiplexSourceReaderBase<MqttDelivery, MqttPayload, MqttSplit, MqttSplit> {
    private final MqttSessions sessions;

    MqttSourceReader(MqttSourceConfig config, MqttSessions sessions, SourceReaderContext context) {
        super(() -> new MqttSplitReader(config, sessions),
                (delivery, output, split) -> {
                    output.collect(new MqttPayload(delivery.topic(), delivery.payload(), delivery.receivedAt()));
                    sessions.emitted(delivery);
                },
                new Configuration(),
                context);
        this.sessions = sessions;
        context.metricGroup().gauge("mqttUnacknowledged", sessions::pending);
        context.metricGroup().gauge("mqttAcknowledged", sessions::acknowledged);
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        sessions.snapshot(checkpointId);
        return super.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        sessions.checkpointComplete(checkpointId);
        super.notifyCheckpointComplete(checkpointId);
    }

    @Override
    protected void onSplitFinished(Map<String, MqttSplit> finishedSplitIds) {
        // An MQTT session never finishes.
    }

    @Override
    protected MqttSplit initializedState(MqttSplit split) {
        return split;
    }

    @Override
    protected MqttSplit toSplitType(String splitId, MqttSplit state) {
        return state;
    }
}
