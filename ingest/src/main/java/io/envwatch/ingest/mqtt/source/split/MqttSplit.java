package io.envwatch.ingest.mqtt.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT session: the split id is the client id. MQTT has no offsets; the broker keeps the
 * session's unacknowledged messages. The split carries its place among the job's sessions
 * ({@code index} of {@code sessions}), which decides the topics it subscribes to
 * ({@code MqttSourceConfig.filtersOf}). {@code sessions} is 0 for a split restored from a
 * version-1 checkpoint, whose sessions read one shared subscription.
 */
public record MqttSplit(String clientId, int index, int sessions) implements SourceSplit {

    /** A split of a version-1 checkpoint: its index is the client id's suffix, the session count unknown. */
    public static MqttSplit legacy(String clientId) {
        return new MqttSplit(clientId, Integer.parseInt(clientId.substring(clientId.lastIndexOf('-') + 1)), 0);
    }

    @Override
    public String splitId() {
        return clientId;
    }
}
