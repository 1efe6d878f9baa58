package io.envwatch.ingest.mqtt.source;

import io.envwatch.ingest.mqtt.source.enumerator.MqttEnumeratorState;
import io.envwatch.ingest.mqtt.source.enumerator.MqttEnumeratorStateSerializer;
import io.envwatch.ingest.mqtt.source.enumerator.MqttSplitEnumerator;
import io.envwatch.ingest.mqtt.source.reader.MqttSourceReader;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import io.envwatch.ingest.mqtt.source.split.MqttSplitSerializer;
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
public final class MqttSource implements Source<MqttPayload, MqttSplit, MqttEnumeratorState> {
    private final MqttSourceConfig config;

    public MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    /** A source for a broker and topic filters; credentials and limits have defaults (see the builder). */
    public static MqttSourceBuilder builder() {
        return new MqttSourceBuilder();
    }

    public MqttSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<MqttPayload, MqttSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(config, context);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, config.clientIdPrefix(), null, MqttSplitEnumerator.onTheBroker(config));
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState checkpoint) {
        return new MqttSplitEnumerator(
                context, config.clientIdPrefix(), checkpoint, MqttSplitEnumerator.onTheBroker(config));
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttEnumeratorStateSerializer();
    }
}
