package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfluxSinkWriterSizeTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "reading,site=FE-N01,quantity=noise value=52.5,unit=\"dB(A)\" 1763700000000000000",
                "complaint,town=凤岗镇,village=雁田村 text=\"夜间异味 é ß\" 1763700000000000000",
                "case_event,town=x note=\"🏭 smoke 🌫️\" 1763700000000000000"
            })
    void aLineCountsTheBytesItIsSentAs(String line) {
        assertThat(InfluxSinkWriter.utf8Length(line)).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
    }
}
