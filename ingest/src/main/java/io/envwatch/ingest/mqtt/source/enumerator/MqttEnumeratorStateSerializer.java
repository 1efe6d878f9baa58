package io.envwatch.ingest.mqtt.source.enumerator;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import io.envwatch.ingest.mqtt.source.split.MqttSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The enumerator's state in checkpoints: whether sessions were created, then the unassigned splits.
 * Its versions are the split serializer's, for the splits it holds.
 */
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {

    @Override
    public int getVersion() {
        return MqttSplitSerializer.VERSION;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.created());
            out.writeInt(state.unassigned().size());
            for (MqttSplit split : state.unassigned()) {
                MqttSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean created = in.readBoolean();
            int n = in.readInt();
            List<MqttSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(MqttSplitSerializer.read(version, in));
            }
            return new MqttEnumeratorState(created, splits);
        }
    }
}
