package io.envwatch.ingest.mqtt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One MQTT session: the split id is the client id. MQTT has no offsets; the broker keeps the
 * session's unacknowledged messages, so the split carries nothing else.
 */
public record MqttSplit(String clientId) implements SourceSplit {

    @Override
    public String splitId() {
        return clientId;
    }

    public static final class Serializer implements SimpleVersionedSerializer<MqttSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(MqttSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.clientId);
            }
            return bytes.toByteArray();
        }

        @Override
        public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new MqttSplit(in.readUTF());
            }
        }
    }

    /** Enumerator state: the sessions not assigned to any reader, and whether they were ever created. */
    public record Pool(boolean created, List<MqttSplit> unassigned) {}

    public static final class PoolSerializer implements SimpleVersionedSerializer<Pool> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Pool pool) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(pool.created());
                out.writeInt(pool.unassigned().size());
                for (MqttSplit split : pool.unassigned()) {
                    out.writeUTF(split.clientId());
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Pool deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                boolean created = in.readBoolean();
                int n = in.readInt();
                List<MqttSplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(new MqttSplit(in.readUTF()));
                }
                return new Pool(created, splits);
            }
        }
    }
}
