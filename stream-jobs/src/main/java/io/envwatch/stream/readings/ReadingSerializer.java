package io.envwatch.stream.readings;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A reading on the wire between the job's tasks: every reading crosses one to reach its site's
 * task. Flink's POJO serializer read and set each field through reflection and wrote the quantity
 * and unit as text; here the fields are written directly, and a known quantity in its canonical
 * unit (what decoding leaves) is one byte, read back as the quantity's own strings.
 *
 * <p>The byte is the quantity's place in a table of wire names and units the serializer's
 * {@link Snapshot} keeps, so data written before a quantity was added or reordered reads back as
 * written.
 */
public final class ReadingSerializer extends TypeSerializer<Reading> {
    private static final long serialVersionUID = 1L;
    /** No quantity of the table: the quantity and unit follow as text. */
    private static final int AS_TEXT = 0;

    private final String[] quantities;
    private final String[] units;
    private final HashMap<String, Integer> codes = new HashMap<>();

    public ReadingSerializer() {
        this(
                Arrays.stream(Quantity.values()).map(Quantity::wireName).toArray(String[]::new),
                Arrays.stream(Quantity.values()).map(Quantity::unit).toArray(String[]::new));
    }

    ReadingSerializer(String[] quantities, String[] units) {
        if (quantities.length != units.length || quantities.length > 255) {
            throw new IllegalArgumentException(
                    "a table of " + quantities.length + " quantities and " + units.length + " units");
        }
        this.quantities = quantities;
        this.units = units;
        for (int i = 0; i < quantities.length; i++) {
            codes.put(quantities[i], i + 1);
        }
    }

    private int code(Reading r) {
        Integer code = r.quantity == null ? null : codes.get(r.quantity);
        return code != null && units[code - 1].equals(r.unit) ? code : AS_TEXT;
    }

    @Override
    public void serialize(Reading r, DataOutputView out) throws IOException {
        int code = code(r);
        out.writeByte(code);
        StringValue.writeString(r.site, out);
        if (code == AS_TEXT) {
            StringValue.writeString(r.quantity, out);
            StringValue.writeString(r.unit, out);
        }
        out.writeDouble(r.value);
        out.writeLong(r.timestamp);
        StringValue.writeString(r.gateway, out);
        StringValue.writeString(r.flag, out);
    }

    @Override
    public Reading deserialize(DataInputView in) throws IOException {
        return deserialize(new Reading(), in);
    }

    @Override
    public Reading deserialize(Reading r, DataInputView in) throws IOException {
        int code = in.readUnsignedByte();
        r.site = StringValue.readString(in);
        if (code == AS_TEXT) {
            r.quantity = StringValue.readString(in);
            r.unit = StringValue.readString(in);
        } else if (code <= quantities.length) {
            r.quantity = quantities[code - 1];
            r.unit = units[code - 1];
        } else {
            throw new IOException(
                    "quantity " + code + " is not in this reading serializer's table of " + quantities.length);
        }
        r.value = in.readDouble();
        r.timestamp = in.readLong();
        r.gateway = StringValue.readString(in);
        r.flag = StringValue.readString(in);
        return r;
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        int code = in.readUnsignedByte();
        out.writeByte(code);
        StringValue.copyString(in, out);
        if (code == AS_TEXT) {
            StringValue.copyString(in, out);
            StringValue.copyString(in, out);
        }
        out.write(in, Double.BYTES + Long.BYTES);
        StringValue.copyString(in, out);
        StringValue.copyString(in, out);
    }

    @Override
    public Reading copy(Reading from) {
        return copy(from, new Reading());
    }

    @Override
    public Reading copy(Reading from, Reading to) {
        to.site = from.site;
        to.quantity = from.quantity;
        to.value = from.value;
        to.unit = from.unit;
        to.timestamp = from.timestamp;
        to.gateway = from.gateway;
        to.flag = from.flag;
        return to;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    /** Stateless but for its fixed tables, which no thread changes. */
    @Override
    public TypeSerializer<Reading> duplicate() {
        return this;
    }

    @Override
    public Reading createInstance() {
        return new Reading();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadingSerializer s
                && Arrays.equals(quantities, s.quantities)
                && Arrays.equals(units, s.units);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantities);
    }

    @Override
    public TypeSerializerSnapshot<Reading> snapshotConfiguration() {
        return new Snapshot(quantities, units);
    }

    /** The table of quantities a serializer wrote with; and the way from the POJO serializer. */
    public static final class Snapshot implements TypeSerializerSnapshot<Reading> {
        private String[] quantities;
        private String[] units;

        public Snapshot() {}

        Snapshot(String[] quantities, String[] units) {
            this.quantities = quantities;
            this.units = units;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(quantities.length);
            for (int i = 0; i < quantities.length; i++) {
                out.writeUTF(quantities[i]);
                out.writeUTF(units[i]);
            }
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
            int n = in.readInt();
            quantities = new String[n];
            units = new String[n];
            for (int i = 0; i < n; i++) {
                quantities[i] = in.readUTF();
                units[i] = in.readUTF();
            }
        }

        @Override
        public TypeSerializer<Reading> restoreSerializer() {
            return new ReadingSerializer(quantities, units);
        }

        /** Called on the new serializer's snapshot with what the data was written with. */
        @Override
        public TypeSerializerSchemaCompatibility<Reading> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Reading> old) {
            if (old instanceof Snapshot s) {
                return Arrays.equals(s.quantities, quantities) && Arrays.equals(s.units, units)
                        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (old instanceof PojoSerializerSnapshot<Reading> pojo
                    && pojo.restoreSerializer().createInstance() instanceof Reading) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
