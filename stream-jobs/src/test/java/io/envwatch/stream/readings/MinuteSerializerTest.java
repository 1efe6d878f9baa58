package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.stream.readings.ReadingIdentity.Minute;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's own serializer checks, the layout's size, and what a damaged block does. */
class MinuteSerializerTest extends SerializerTestBase<Minute> {

    static Minute minute(double... valuesEverySecond) {
        Minute m = new Minute();
        for (int i = 0; i < valuesEverySecond.length; i++) {
            m.insert(i, (char) (i * 1_000), valuesEverySecond[i]);
        }
        return m;
    }

    @Override
    protected TypeSerializer<Minute> createSerializer() {
        return MinuteSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Minute> getTypeClass() {
        return Minute.class;
    }

    @Override
    protected Minute[] getTestData() {
        Minute late = minute(50.0, 51.0);
        late.insert(-late.find((char) 500) - 1, (char) 500, 49.5); // taken out of order: sorted in place
        Minute last = new Minute();
        last.insert(0, (char) 59_999, -0.0);
        return new Minute[] {
            new Minute(),
            minute(50.0),
            minute(50.0, 60.0, 70.0, 80.0, 90.0), // past the first room of four
            late,
            last,
            minute(new double[60]), // a reading every second
        };
    }

    @Test
    void aMinuteTakesFourBytesAndTenAnIdentityWhateverRoomItsArraysHave() throws IOException {
        Minute five = minute(50.0, 60.0, 70.0, 80.0, 90.0);
        assertThat(five.offsets.length).isEqualTo(8);
        DataOutputSerializer out = new DataOutputSerializer(64);
        MinuteSerializer.INSTANCE.serialize(five, out);
        assertThat(out.length()).isEqualTo(4 + 5 * 10);
    }

    @Test
    void aRestoredMinuteTakesMoreIdentitiesInOrder() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MinuteSerializer.INSTANCE.serialize(new Minute(), out);
        Minute restored = MinuteSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        for (int i = 0; i < 9; i++) {
            char offset = (char) (9_000 - i * 1_000);
            restored.insert(-restored.find(offset) - 1, offset, i);
        }
        assertThat(restored.count).isEqualTo(9);
        assertThat(restored.find((char) 1_000)).isZero();
        assertThat(restored.values[0]).isEqualTo(8.0);
        assertThat(restored.find((char) 9_000)).isEqualTo(8);
        assertThat(restored.values[8]).isZero();
    }

    @Test
    void aCountNoMinuteCanHoldIsAnErrorNotAnAllocation() {
        DataOutputSerializer out = new DataOutputSerializer(8);
        try {
            out.writeInt(Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(
                        () -> MinuteSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }
}
