package io.envwatch.ingest.mqtt.source.split;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT session: the split id is the client id. MQTT has no offsets; the broker keeps the
 * session's unacknowledged messages. The split carries its place among the job's sessions
 * ({@code index} of {@code sessions}), which decides the topics it subscribes to
 * ({@code MqttSourceConfig.filtersOf}). {@code sessions} is 0 for a split restored from a
 * version-1 checkpoint, whose sessions read one shared subscription.
 *
 * <p>In a checkpoint, {@code copies} are the keys (packet id and content hash) of the messages the
 * checkpoint already holds that the broker has not been told it may drop: after a restore the
 * broker resends them, and the reader takes those copies as already read (as Flink's
 * message-acknowledging sources do with correlation ids). Empty outside checkpoints.
 */
public record MqttSplit(String clientId, int index, int sessions, List<Long> copies) implements SourceSplit {

    public MqttSplit {
        copies = List.copyOf(copies);
    }

    public MqttSplit(String clientId, int index, int sessions) {
        this(clientId, index, sessions, List.of());
    }

    /** A split of a version-1 checkpoint: its index is the client id's suffix, the session count unknown. */
    public static MqttSplit legacy(String clientId) {
        return new MqttSplit(clientId, Integer.parseInt(clientId.substring(clientId.lastIndexOf('-') + 1)), 0);
    }

    public MqttSplit withCopies(List<Long> keys) {
        return new MqttSplit(clientId, index, sessions, keys);
    }

    @Override
    public String splitId() {
        return clientId;
    }
}
