package io.envwatch.stream.readings;

import io.envwatch.stream.readings.ReadingIdentity.Minute;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A minute of reading identities in one block: the count, then its offsets, then its values, each
 * written as one array of bytes. The identities are most of the job's state, and the heap backend
 * writes all of it at every checkpoint: Flink's POJO serializer wrote each offset and value as
 * calls of its own down the checkpoint stream (two per offset, a byte at a time), wrote the unused
 * room at the arrays' ends too, and copied a minute field by field through reflection each time a
 * checkpoint made the heap backend copy it.
 *
 * <p>State written by the POJO serializer is read with it once and written in this layout from then
 * on ({@link Snapshot}).
 */
public final class MinuteSerializer extends TypeSerializerSingleton<Minute> {
    private static final long serialVersionUID = 1L;
    public static final MinuteSerializer INSTANCE = new MinuteSerializer();

    private static final VarHandle OFFSET = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle VALUE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int BYTES_PER_IDENTITY = Character.BYTES + Long.BYTES;

    private MinuteSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Minute createInstance() {
        return new Minute();
    }

    @Override
    public Minute copy(Minute from) {
        Minute to = new Minute();
        to.offsets = Arrays.copyOf(from.offsets, from.offsets.length);
        to.values = Arrays.copyOf(from.values, from.values.length);
        to.count = from.count;
        return to;
    }

    @Override
    public Minute copy(Minute from, Minute reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Minute minute, DataOutputView target) throws IOException {
        int count = minute.count;
        byte[] block = new byte[count * BYTES_PER_IDENTITY];
        int valuesAt = count * Character.BYTES;
        for (int i = 0; i < count; i++) {
            OFFSET.set(block, i * Character.BYTES, minute.offsets[i]);
            VALUE.set(block, valuesAt + i * Long.BYTES, Double.doubleToRawLongBits(minute.values[i]));
        }
        target.writeInt(count);
        target.write(block);
    }

    @Override
    public Minute deserialize(DataInputView source) throws IOException {
        int count = source.readInt();
        if (count < 0 || count > ReadingIdentity.MINUTE) {
            // A minute has 60,000 milliseconds, so at most that many identities.
            throw new IOException("a minute of reading identities cannot hold " + count);
        }
        byte[] block = new byte[count * BYTES_PER_IDENTITY];
        source.readFully(block);
        Minute minute = new Minute();
        // Room to grow, as Minute.insert expects: it doubles a full array, which must not be empty.
        int room = Math.max(count, minute.offsets.length);
        minute.offsets = new char[room];
        minute.values = new double[room];
        int valuesAt = count * Character.BYTES;
        for (int i = 0; i < count; i++) {
            minute.offsets[i] = (char) OFFSET.get(block, i * Character.BYTES);
            minute.values[i] = Double.longBitsToDouble((long) VALUE.get(block, valuesAt + i * Long.BYTES));
        }
        minute.count = count;
        return minute;
    }

    @Override
    public Minute deserialize(Minute reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int count = source.readInt();
        target.writeInt(count);
        target.write(source, count * BYTES_PER_IDENTITY);
    }

    @Override
    public TypeSerializerSnapshot<Minute> snapshotConfiguration() {
        return new Snapshot();
    }

    /** This layout, and the way from the POJO serializer's: read with it, written in this one. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Minute> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Minute> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Minute> old) {
            if (old instanceof PojoSerializerSnapshot<Minute> pojo
                    && pojo.restoreSerializer().createInstance() instanceof Minute) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}
