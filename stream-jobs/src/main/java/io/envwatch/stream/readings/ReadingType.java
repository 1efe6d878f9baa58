package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the job's reading streams, so they travel with {@link ReadingSerializer}: the streams
 * that begin with readings (decoding, late side outputs) name it, and every operator after them
 * keeps their type. Not a key type: readings are keyed by their site.
 */
public final class ReadingType extends TypeInformation<Reading> {
    private static final long serialVersionUID = 1L;
    public static final ReadingType INFO = new ReadingType();

    private ReadingType() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Reading> getTypeClass() {
        return Reading.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Reading> createSerializer(SerializerConfig config) {
        return new ReadingSerializer();
    }

    @Override
    public String toString() {
        return "Reading";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadingType;
    }

    @Override
    public int hashCode() {
        return ReadingType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ReadingType;
    }
}
