package io.envwatch.ingest.mqtt.source.enumerator;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.util.List;

/** What the enumerator checkpoints: the sessions no reader holds, and whether they were ever created. */
public record MqttEnumeratorState(boolean created, List<MqttSplit> unassigned) {
    public MqttEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }
}
