package io.envwatch.ingest.mqtt.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.enumerator.MqttEnumeratorState;
import io.envwatch.ingest.mqtt.source.enumerator.MqttEnumeratorStateSerializer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoints written by this version and by the first one both restore. */
class MqttSplitSerializerTest {
    private final MqttSplitSerializer splits = new MqttSplitSerializer();
    private final MqttEnumeratorStateSerializer states = new MqttEnumeratorStateSerializer();

    @Test
    void aSplitAndTheEnumeratorStateComeBackAsWritten() throws IOException {
        MqttSplit split = new MqttSplit("envwatch-job-1", 1, 4);
        assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split)))
                .isEqualTo(split);
        MqttSplit withCopies =
                new MqttSplit("envwatch-job-2", 2, 4, List.of(0x0005_1234_5678_9abcL, -1L, 0x0005_1234_5678_9abcL));
        assertThat(splits.deserialize(splits.getVersion(), splits.serialize(withCopies)))
                .isEqualTo(withCopies);
        MqttEnumeratorState state =
                new MqttEnumeratorState(true, List.of(split, withCopies, new MqttSplit("envwatch-job-3", 3, 4)));
        assertThat(states.deserialize(states.getVersion(), states.serialize(state)))
                .isEqualTo(state);
    }

    @Test
    void aVersionTwoCheckpointRestoresWithNoCopiesExpected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("envwatch-job-1");
            out.writeInt(1);
            out.writeInt(2);
        }
        assertThat(splits.deserialize(2, bytes.toByteArray()))
                .isEqualTo(new MqttSplit("envwatch-job-1", 1, 2, List.of()));
    }

    @Test
    void aVersionOneCheckpointRestoresItsSessionsOnTheSharedSubscriptionTheyHad() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("envwatch-job-3");
        }
        MqttSplit restored = splits.deserialize(1, bytes.toByteArray());
        assertThat(restored).isEqualTo(new MqttSplit("envwatch-job-3", 3, 0));
        assertThat(MqttSourceConfig.of("tcp://broker:1883", List.of("envwatch/v1/gw-1/readings"), "envwatch-job")
                        .filtersOf(restored))
                .containsExactly(MqttSourceConfig.LEGACY_SHARED_SUBSCRIPTION);

        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state)) {
            out.writeBoolean(true);
            out.writeInt(1);
            out.writeUTF("envwatch-job-0");
        }
        assertThat(states.deserialize(1, state.toByteArray()))
                .isEqualTo(new MqttEnumeratorState(true, List.of(new MqttSplit("envwatch-job-0", 0, 0))));
    }

    @Test
    void anUnknownVersionIsRefusedNotMisread() {
        assertThatThrownBy(() -> splits.deserialize(9, new byte[] {0, 1, 'x'}))
                .hasMessageContaining("unknown version 9");
    }
}
