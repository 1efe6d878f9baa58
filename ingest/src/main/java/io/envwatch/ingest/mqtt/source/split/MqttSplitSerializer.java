package io.envwatch.ingest.mqtt.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A split in checkpoints. Version 1 held the client id only (sessions then read one shared
 * subscription); version 2 adds the split's index and the number of sessions; version 3 the keys
 * of the messages the broker may resend that the checkpoint already holds. All are read.
 */
public final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {
    public static final int VERSION = 3;

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
        out.writeInt(split.copies().size());
        for (long key : split.copies()) {
            out.writeLong(key);
        }
    }

    public static MqttSplit read(int version, DataInputStream in) throws IOException {
        return switch (version) {
            case 1 -> MqttSplit.legacy(in.readUTF());
            case 2 -> new MqttSplit(in.readUTF(), in.readInt(), in.readInt());
            case 3 -> {
                String clientId = in.readUTF();
                int index = in.readInt();
                int sessions = in.readInt();
                int n = in.readInt();
                List<Long> copies = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    copies.add(in.readLong());
                }
                yield new MqttSplit(clientId, index, sessions, copies);
            }
            default -> throw new IOException("MQTT split serialized with unknown version " + version);
        };
    }
}
