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
 * session's unacknowledged messages. The split carries its place among the job's sessions
 * ({@code index} of {@code sessions}), which decides the topics it subscribes to
 * ({@link MqttSourceConfig#filtersOf}). {@code sessions} is 0 for a split restored from a
 * version-1 checkpoint, whose sessions read one shared subscription.
 */
public record MqttSplit(String clientId, int index, int sessions) implements SourceSplit {

    /** A split of a version-1 checkpoint: its index is the client id's suffix, the session count unknown. */
    static MqttSplit legacy(String clientId) {
        return new MqttSplit(clientId, Integer.parseInt(clientId.substring(clientId.lastIndexOf('-') + 1)), 0);
    }

    @Override
    public String splitId() {
        return clientId;
    }

    public static final class Serializer implements SimpleVersionedSerializer<MqttSplit> {
        /** 1: client id; 2: client id, index, sessions. */
        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(MqttSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                write(split, out);
            }
            return bytes.toByteArray();
        }

        @Override
        public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return read(version, in);
            }
        }

        static void write(MqttSplit split, DataOutputStream out) throws IOException {
            out.writeUTF(split.clientId);
            out.writeInt(split.index);
            out.writeInt(split.sessions);
        }

        static MqttSplit read(int version, DataInputStream in) throws IOException {
            return switch (version) {
                case 1 -> legacy(in.readUTF());
                case 2 -> new MqttSplit(in.readUTF(), in.readInt(), in.readInt());
                default -> throw new IOException("MQTT split serialized with unknown version " + version);
            };
        }
    }

    /** Enumerator state: the sessions not assigned to any reader, and whether they were ever created. */
    public record Pool(boolean created, List<MqttSplit> unassigned) {}

    public static final class PoolSerializer implements SimpleVersionedSerializer<Pool> {
        /** As {@link Serializer}'s versions, for the splits it holds. */
        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(Pool pool) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(pool.created());
                out.writeInt(pool.unassigned().size());
                for (MqttSplit split : pool.unassigned()) {
                    Serializer.write(split, out);
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
                    splits.add(Serializer.read(version, in));
                }
                return new Pool(created, splits);
            }
        }
    }
}
