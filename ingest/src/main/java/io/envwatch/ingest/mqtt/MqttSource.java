package io.envwatch.ingest.mqtt;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An at-least-once MQTT v5 source on Flink's FLIP-27 API: QoS 1, persistent sessions with fixed
 * client ids, acknowledgements sent only after the checkpoint covering a message completes, and a
 * shared subscription so parallel readers split the stream. Together with idempotent writes
 * downstream this gives exactly-once results in storage.
 */
public final class MqttSource implements Source<MqttPayload, MqttSplit, MqttSplit.Pool> {
    private final MqttSourceConfig config;

    public MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<MqttPayload, MqttSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(config, new MqttSessions(), context);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttSplit.Pool> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, config.clientIdPrefix(), null);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttSplit.Pool> restoreEnumerator(SplitEnumeratorContext<MqttSplit> context,
            MqttSplit.Pool checkpoint) {
        return new MqttSplitEnumerator(context, config.clientIdPrefix(), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSplit.Serializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit.Pool> getEnumeratorCheckpointSerializer() {
        return new MqttSplit.PoolSerializer();
    }
}
