package io.envwatch.ingest.mqtt.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A split in checkpoints. Version 1 held the client id only (sessions then read one shared
 * subscription); version 2 adds the split's index and the number of sessions. Both are read.
 */
public final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {
    public static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
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

    /** The current version's layout, also inside the enumerator's state. */
    public static void write(MqttSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.clientId());
        out.writeInt(split.index());
        out.writeInt(split.sessions());
    }

    public static MqttSplit read(int version, DataInputStream in) throws IOException {
        return switch (version) {
            case 1 -> MqttSplit.legacy(in.readUTF());
            case 2 -> new MqttSplit(in.readUTF(), in.readInt(), in.readInt());
            default -> throw new IOException("MQTT split serialized with unknown version " + version);
        };
    }
}
