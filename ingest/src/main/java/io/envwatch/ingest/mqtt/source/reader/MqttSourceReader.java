package io.envwatch.ingest.mqtt.source.reader;

import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * Reads the sessions assigned to it through one {@link MqttSplitReader} thread, emits each message
 * through {@link MqttRecordEmitter}, and acknowledges messages to the broker once a checkpoint
 * covering them completes.
 *
 * <p>Each session is a split, and records go out through the split's own output (as
 * {@code SourceReaderBase} does): given a watermark strategy, Flink keeps event time per session,
 * from the moment the session is assigned, and the reader's is the earliest of its sessions' (a
 * session silent for the strategy's idleness timeout stops counting). One session's backlog is
 * then never late because another session of the same reader got ahead.
 */
public final class MqttSourceReader
        extends SingleThreadMultiplexSourceReaderBase<MqttDelivery, MqttPayload, MqttSplit, MqttSplit> {
    private final MqttSessions sessions;

    public MqttSourceReader(MqttSourceConfig config, SourceReaderContext context) {
        this(config, new MqttSessions(), context);
    }

    private MqttSourceReader(MqttSourceConfig config, MqttSessions sessions, SourceReaderContext context) {
        super(
                () -> new MqttSplitReader(config, sessions),
                new MqttRecordEmitter(sessions),
                new Configuration(),
                context);
        this.sessions = sessions;
        context.metricGroup().gauge("mqttUnacknowledged", sessions::pending);
        context.metricGroup().gauge("mqttAcknowledged", sessions::acknowledged);
        context.metricGroup().gauge("mqttCopiesSkipped", sessions::copiesSkipped);
    }

    /** Each session with the keys of the messages this checkpoint holds that the broker may resend. */
    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        sessions.snapshot(checkpointId);
        return super.snapshotState(checkpointId).stream()
                .map(split -> split.withCopies(sessions.copiesToCheckpoint(split.clientId())))
                .toList();
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

    /** A restored session: the copies its checkpoint lists are expected from the broker and not read again. */
    @Override
    protected MqttSplit initializedState(MqttSplit split) {
        sessions.expectCopies(split.clientId(), split.copies());
        return split.withCopies(List.of());
    }

    @Override
    protected MqttSplit toSplitType(String splitId, MqttSplit state) {
        return state;
    }
}
