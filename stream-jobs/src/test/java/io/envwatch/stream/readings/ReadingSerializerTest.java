package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's own serializer checks, the one-byte quantity, and what data of another table or layout reads as. */
class ReadingSerializerTest extends SerializerTestBase<Reading> {
    private static final long T = 1_763_740_800_000L;

    @Override
    protected TypeSerializer<Reading> createSerializer() {
        return new ReadingSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Reading> getTypeClass() {
        return Reading.class;
    }

    @Override
    protected Reading[] getTestData() {
        Reading unknown = new Reading("FE-N01", Quantity.NOISE, 1.0, T, "GW-1");
        unknown.quantity = "radon"; // not in the table: as text
        Reading otherUnit = new Reading("W-QILING", Quantity.TP, 0.18, T, "GW-2");
        otherUnit.unit = "ug/L"; // not the canonical unit: as text
        Reading bare = new Reading();
        bare.quantity = "noise";
        return new Reading[] {
            new Reading("FE-N01", Quantity.NOISE, 72.5, T, "GW-1"),
            new Reading("FE-O01", Quantity.H2S, 0.02, T + 1, "GW-1").flagged(DataFlag.C),
            new Reading("东莞-N01", Quantity.NOISE, -0.0, Long.MIN_VALUE, "网关-1"),
            unknown,
            otherUnit,
            bare,
        };
    }

    private static byte[] written(TypeSerializer<Reading> serializer, Reading r) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aKnownQuantityInItsUnitIsOneByteAndReadsBackAsTheQuantitysOwnStrings() throws IOException {
        Reading r = new Reading("FE-N01", Quantity.NOISE, 72.5, T, "GW-1");
        byte[] bytes = written(new ReadingSerializer(), r);
        // code, site (length + 6), value, timestamp, gateway (length + 4), no flag
        assertThat(bytes).hasSize(1 + 7 + 8 + 8 + 5 + 1);
        Reading back = new ReadingSerializer().deserialize(new DataInputDeserializer(bytes));
        assertThat(back.quantity).isSameAs(Quantity.NOISE.wireName());
        assertThat(back.unit).isSameAs(Quantity.NOISE.unit());
    }

    @Test
    void dataWrittenWithAnotherTableOfQuantitiesReadsAsWritten() throws IOException {
        ReadingSerializer older = new ReadingSerializer(new String[] {"tp", "noise"}, new String[] {"mg/L", "dB(A)"});
        Reading r = new Reading("FE-N01", Quantity.NOISE, 72.5, T, "GW-1");
        byte[] bytes = written(older, r);
        TypeSerializerSnapshot<Reading> snapshot = older.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        ReadingSerializer.Snapshot restored = new ReadingSerializer.Snapshot();
        restored.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), null);

        assertThat(restored.restoreSerializer().deserialize(new DataInputDeserializer(bytes)))
                .isEqualTo(r);
        assertThat(new ReadingSerializer().snapshotConfiguration().resolveSchemaCompatibility(restored))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
        assertThat(new ReadingSerializer()
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(new ReadingSerializer().snapshotConfiguration()))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAsIs)
                .isEqualTo(true);
    }

    @Test
    void readingsWrittenByThePojoSerializerAreReadWithItAndWrittenInThisLayout() {
        TypeInformation<Reading> pojo = TypeInformation.of(Reading.class);
        assertThat(pojo).isInstanceOf(PojoTypeInfo.class);
        TypeSerializerSnapshot<Reading> old =
                pojo.createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(new ReadingSerializer().snapshotConfiguration().resolveSchemaCompatibility(old))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
    }
}
