package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The setting the pipeline tests run under (EndToEnd.kryoFree) does refuse a type Kryo would copy. */
class KryoFreeTest {

    /** Not a POJO: no public no-argument constructor, private fields without accessors. */
    static final class Opaque {
        private final Optional<String> value;

        Opaque(String value) {
            this.value = Optional.ofNullable(value);
        }
    }

    @Test
    void aTypeFlinkWouldHandToKryoFailsTheTest() {
        StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
        assertThatThrownBy(() -> TypeInformation.of(Opaque.class)
                        .createSerializer(env.getConfig().getSerializerConfig()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Generic types have been disabled");
    }
}
